package afterhours.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A deliberately naive second implementation of the schedule rules, for property tests: it evaluates
 * one instant at a time by walking the day plans, with no compiled timeline, no caching, no search.
 */
final class Oracle {
    private final ZoneId zone;
    private final WeeklyHours weekly;
    private final List<ExceptionDay> exceptions;
    private final HolidayCalendar holidays;
    private final ManualOverride override;
    private final Instant overrideEnd;

    Oracle(ZoneId zone, WeeklyHours weekly, List<ExceptionDay> exceptions, HolidayCalendar holidays,
           ManualOverride override, Instant overrideEnd) {
        this.zone = zone;
        this.weekly = weekly;
        this.exceptions = exceptions;
        this.holidays = holidays;
        this.override = override;
        this.overrideEnd = overrideEnd;
    }

    Mode mode(Instant t) {
        if (override != null && !t.isBefore(override.start()) && (overrideEnd == null || t.isBefore(overrideEnd))) {
            return override.mode();
        }
        return baseMode(t);
    }

    Mode baseMode(Instant t) {
        LocalDate date = LocalDate.ofInstant(t, zone);
        for (LocalDate day : List.of(date.minusDays(1), date)) {
            for (TimeRange r : ranges(day)) {
                Instant start = resolve(day, r.startMinute());
                Instant end = resolve(day, r.crossesMidnight() ? r.endMinute() + 1440 : r.endMinute());
                if (!t.isBefore(start) && t.isBefore(end)) {
                    return Mode.OPEN;
                }
            }
        }
        return Mode.FORWARDED;
    }

    /** Every instant in (from, to) where the mode could change: range edges and override edges. */
    List<Instant> candidates(Instant from, Instant to) {
        TreeSet<Instant> out = new TreeSet<>();
        LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
        for (LocalDate day = LocalDate.ofInstant(from, zone).minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (TimeRange r : ranges(day)) {
                out.add(resolve(day, r.startMinute()));
                out.add(resolve(day, r.crossesMidnight() ? r.endMinute() + 1440 : r.endMinute()));
            }
        }
        if (override != null) {
            out.add(override.start());
            if (overrideEnd != null) {
                out.add(overrideEnd);
            }
        }
        return new ArrayList<>(out.subSet(from, false, to, false));
    }

    private List<TimeRange> ranges(LocalDate day) {
        for (ExceptionDay e : exceptions) {
            if (!day.isBefore(e.first()) && !day.isAfter(e.last())) {
                return e.hours();
            }
        }
        if (holidays.on(day).isPresent()) {
            return List.of();
        }
        return weekly.on(day.getDayOfWeek());
    }

    private Instant resolve(LocalDate day, int minute) {
        LocalDateTime local = day.atStartOfDay().plusMinutes(minute);
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            return zone.getRules().getTransition(local).getInstant();
        }
        // the first occurrence of a repeated local time is the one with the larger offset
        return local.atOffset(offsets.stream().max(java.util.Comparator.comparingInt(ZoneOffset::getTotalSeconds))
                .orElseThrow()).toInstant();
    }
}
