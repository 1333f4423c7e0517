package afterhours.switching;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The ids of one table that the looks for changes by other instances have seen. On PostgreSQL the instances take ids
 * from one sequence, and a lower id can commit after a higher one: a look that only asked for ids above the highest
 * seen would never find it. So each look lists every id above a settled floor, and an id settles into the floor
 * {@link #WINDOW} after it was first seen: a transaction that took a lower id has committed or ended by then.
 */
final class SeenIds {
    /** How long a transaction that took an id may take to commit, for a look still to find it. */
    static final Duration WINDOW = Duration.ofSeconds(60);

    private final NavigableMap<Long, Instant> firstSeen = new TreeMap<>();
    private long floor = -1;

    /** Every id at or below the floor is known; -1 before the first look. */
    synchronized long floor() {
        return floor;
    }

    /** The first look: every id up to {@code highest} is taken as known. */
    synchronized void start(long highest) {
        floor = highest;
    }

    /** Notes the ids a look listed above the floor; returns those not seen before, in the listed order. */
    synchronized List<Long> notice(List<Long> listed, Instant now) {
        List<Long> fresh = new ArrayList<>();
        for (long id : listed) {
            if (id > floor && firstSeen.putIfAbsent(id, now) == null) {
                fresh.add(id);
            }
        }
        // an id seen a window ago settles, and with it every id below it
        long settled = floor;
        for (Map.Entry<Long, Instant> e : firstSeen.entrySet()) {
            if (!e.getValue().plus(WINDOW).isAfter(now)) {
                settled = Math.max(settled, e.getKey());
            }
        }
        floor = settled;
        firstSeen.headMap(settled, true).clear();
        return fresh;
    }
}
