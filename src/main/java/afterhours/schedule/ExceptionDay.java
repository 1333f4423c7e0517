package afterhours.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A date or date range that replaces the weekly hours and any holiday: closed all day when
 * {@code hours} is empty, otherwise open during its own hours (a half day, a special opening).
 */
public record ExceptionDay(LocalDate first, LocalDate last, List<TimeRange> hours, String note) {

    public ExceptionDay {
        if (first == null || last == null) {
            throw new IllegalArgumentException("an exception needs a first and a last date");
        }
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("exception ends " + last + " before it starts " + first);
        }
        List<TimeRange> sorted = new ArrayList<>(hours == null ? List.of() : hours);
        firstOverlap(sorted).ifPresent(o -> {
            throw new IllegalArgumentException("overlapping ranges: " + sorted.get(o[0]) + " and " + sorted.get(o[1]));
        });
        sorted.sort(Comparator.comparingInt(TimeRange::startMinute));
        hours = List.copyOf(sorted);
        note = note == null || note.isBlank() ? null : note.strip();
    }

    /** The indexes of the first two of a day's ranges that overlap, in the order given: {@code [earlier, later]}. */
    public static Optional<int[]> firstOverlap(List<TimeRange> ranges) {
        for (int j = 1; j < ranges.size(); j++) {
            for (int i = 0; i < j; i++) {
                TimeRange a = ranges.get(i);
                TimeRange b = ranges.get(j);
                if (a.startMinute() < b.endMinuteFromStartDay() && b.startMinute() < a.endMinuteFromStartDay()) {
                    return Optional.of(new int[] {i, j});
                }
            }
        }
        return Optional.empty();
    }

    /** The indexes of the first two exceptions whose days overlap, in the order given: {@code [earlier, later]}. */
    public static Optional<int[]> firstOverlapping(List<ExceptionDay> days) {
        for (int j = 1; j < days.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (days.get(i).overlaps(days.get(j))) {
                    return Optional.of(new int[] {i, j});
                }
            }
        }
        return Optional.empty();
    }

    public static ExceptionDay closed(LocalDate date, String note) {
        return new ExceptionDay(date, date, List.of(), note);
    }

    public boolean isClosed() {
        return hours.isEmpty();
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(first) && !date.isAfter(last);
    }

    public boolean overlaps(ExceptionDay other) {
        return !first.isAfter(other.last) && !other.first.isAfter(last);
    }
}
