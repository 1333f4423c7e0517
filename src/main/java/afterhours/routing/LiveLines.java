package afterhours.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every served line with its compiled schedule, in memory: written by the switchboard when a line is
 * loaded or changed, read on every call (route script, call log) without touching the database.
 */
public final class LiveLines implements RouteLookup {
    private final Map<String, LiveLine> lines = new ConcurrentHashMap<>();

    public void put(LiveLine line) {
        lines.put(line.line().id(), line);
    }

    @Override
    public Optional<LiveLine> line(String lineId) {
        return lineId == null ? Optional.empty() : Optional.ofNullable(lines.get(lineId));
    }

    /** The line answering a number (DID). */
    public Optional<LiveLine> byNumber(String number) {
        if (number == null) {
            return Optional.empty();
        }
        return lines.values().stream().filter(l -> l.line().numbers().contains(number)).findFirst();
    }

    /** Every line, by id. */
    public Collection<LiveLine> all() {
        return lines.values().stream().sorted(Comparator.comparing(l -> l.line().id())).toList();
    }

    public Collection<String> ids() {
        return List.copyOf(lines.keySet());
    }
}
