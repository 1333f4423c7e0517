package afterhours.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
        sorted.sort(Comparator.comparingInt(TimeRange::startMinute));
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                TimeRange a = sorted.get(i);
                TimeRange b = sorted.get(j);
                if (a.startMinute() < b.endMinuteFromStartDay() && b.startMinute() < a.endMinuteFromStartDay()) {
                    throw new IllegalArgumentException("overlapping ranges: " + a + " and " + b);
                }
            }
        }
        hours = List.copyOf(sorted);
        note = note == null || note.isBlank() ? null : note.strip();
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
