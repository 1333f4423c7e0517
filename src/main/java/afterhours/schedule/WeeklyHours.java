package afterhours.schedule;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Regular opening hours: several ranges per weekday, none overlapping (also across midnight). */
public final class WeeklyHours {
    private static final int WEEK_MINUTES = 7 * TimeRange.DAY_MINUTES;

    private final Map<DayOfWeek, List<TimeRange>> days;

    private WeeklyHours(Map<DayOfWeek, List<TimeRange>> days) {
        this.days = days;
    }

    public static WeeklyHours closed() {
        return of(Map.of());
    }

    /** Validates that no two ranges overlap, counting ranges that cross into the next day. */
    public static WeeklyHours of(Map<DayOfWeek, List<TimeRange>> ranges) {
        EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeRange> list = new ArrayList<>(ranges.getOrDefault(day, List.of()));
            list.sort(Comparator.comparingInt(TimeRange::startMinute));
            copy.put(day, List.copyOf(list));
        }
        checkNoOverlap(copy);
        return new WeeklyHours(copy);
    }

    public List<TimeRange> on(DayOfWeek day) {
        return days.get(day);
    }

    public Map<DayOfWeek, List<TimeRange>> asMap() {
        return days;
    }

    public boolean isEmpty() {
        return days.values().stream().allMatch(List::isEmpty);
    }

    private static void checkNoOverlap(Map<DayOfWeek, List<TimeRange>> days) {
        firstOverlap(days).ifPresent(o -> {
            throw new IllegalArgumentException(o.problem());
        });
    }

    /**
     * Two ranges of the week that overlap: {@code range} on {@code day} (at {@code index} of that day's ranges, as
     * given) with {@code other} on {@code otherDay}.
     */
    public record Overlap(DayOfWeek day, int index, TimeRange range, DayOfWeek otherDay, TimeRange other) {
        public String problem() {
            return "overlapping ranges: " + name(otherDay) + " " + other + " and " + name(day) + " " + range;
        }
    }

    /** The first overlap, if any: the week laid on a circle of minutes (Sunday's late range wraps onto Monday). */
    public static Optional<Overlap> firstOverlap(Map<DayOfWeek, List<TimeRange>> days) {
        record Slot(DayOfWeek day, int index, TimeRange range, int start, int end) { }
        List<Slot> slots = new ArrayList<>();
        for (var e : days.entrySet()) {
            int base = (e.getKey().getValue() - 1) * TimeRange.DAY_MINUTES;
            for (int i = 0; i < e.getValue().size(); i++) {
                TimeRange r = e.getValue().get(i);
                slots.add(new Slot(e.getKey(), i, r, base + r.startMinute(), base + r.endMinuteFromStartDay()));
            }
        }
        for (int i = 0; i < slots.size(); i++) {
            for (int j = i + 1; j < slots.size(); j++) {
                Slot a = slots.get(i);
                Slot b = slots.get(j);
                if (overlaps(a.start, a.end, b.start, b.end)) {
                    return Optional.of(new Overlap(b.day, b.index, b.range, a.day, a.range));
                }
            }
        }
        return Optional.empty();
    }

    static boolean overlaps(int aStart, int aEnd, int bStart, int bEnd) {
        for (int shift = -WEEK_MINUTES; shift <= WEEK_MINUTES; shift += WEEK_MINUTES) {
            if (aStart < bEnd + shift && bStart + shift < aEnd) {
                return true;
            }
        }
        return false;
    }

    /** The day as the API and the configuration name it: {@code monday}. */
    public static String name(DayOfWeek day) {
        return day.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeeklyHours w && w.days.equals(days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        return days.toString();
    }
}
