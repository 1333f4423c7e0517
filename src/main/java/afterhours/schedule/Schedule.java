package afterhours.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A line's schedule: weekly hours, exception days, public holidays and a manual override, in the line's
 * time zone. Precedence: override &gt; exception &gt; holiday &gt; weekly. Pure and immutable: the instant is
 * always an argument, never read from a clock. Thread-safe.
 */
public final class Schedule {
    private final ZoneId zone;
    private final WeeklyHours weekly;
    private final TreeMap<LocalDate, ExceptionDay> exceptions;
    private final HolidayCalendar holidays;
    private final ManualOverride override;
    private final Timeline timeline;
    /** When the override stops applying; null while it lasts indefinitely (or there is none). */
    private final Instant overrideEnd;

    private Schedule(ZoneId zone, WeeklyHours weekly, TreeMap<LocalDate, ExceptionDay> exceptions,
                     HolidayCalendar holidays, ManualOverride override, Timeline timeline) {
        this.zone = zone;
        this.weekly = weekly;
        this.exceptions = exceptions;
        this.holidays = holidays;
        this.override = override;
        this.timeline = timeline != null ? timeline : new Timeline(zone, this::planFor);
        this.overrideEnd = override == null ? null
                : override.until() != null ? override.until() : firstChangeAwayFrom(override.mode(), override.start());
    }

    /** Builds a schedule; overlapping exception days are refused with both named. */
    public static Schedule of(ZoneId zone, WeeklyHours weekly, Collection<ExceptionDay> exceptions,
                              HolidayCalendar holidays) {
        TreeMap<LocalDate, ExceptionDay> byStart = new TreeMap<>();
        for (ExceptionDay e : exceptions) {
            refuseOverlap(e, byStart.floorEntry(e.last()));
            refuseOverlap(e, byStart.ceilingEntry(e.first()));
            byStart.put(e.first(), e);
        }
        return new Schedule(zone, weekly, byStart, holidays == null ? HolidayCalendar.NONE : holidays, null, null);
    }

    /** The same schedule with a manual override (or none); shares the compiled timeline. */
    public Schedule withOverride(ManualOverride newOverride) {
        return new Schedule(zone, weekly, exceptions, holidays, newOverride, timeline);
    }

    public ZoneId zone() {
        return zone;
    }

    public WeeklyHours weekly() {
        return weekly;
    }

    public List<ExceptionDay> exceptions() {
        return List.copyOf(exceptions.values());
    }

    public HolidayCalendar holidays() {
        return holidays;
    }

    public Optional<ManualOverride> override() {
        return Optional.ofNullable(override);
    }

    /** The line's state at {@code t}: mode, reason, detail, since when and the next change. */
    public LineState stateAt(Instant t) {
        Instant end = overrideEnd;
        if (override != null && covers(t, end)) {
            return new LineState(t, override.mode(), Reason.OVERRIDE, Detail.override(override, end), since(t), nextChange(t));
        }
        Timeline.Segment segment = timeline.at(t);
        return new LineState(t, segment.mode(), segment.reason(), segment.detail(), since(t), nextChange(t));
    }

    /** The next {@code count} mode changes after {@code t}, as states at the instant each takes effect. */
    public List<LineState> changesAfter(Instant t, int count) {
        List<LineState> changes = new ArrayList<>();
        Instant cursor = t;
        while (changes.size() < count) {
            Instant next = nextChange(cursor);
            if (next == null) {
                break;
            }
            changes.add(stateAt(next));
            cursor = next;
        }
        return changes;
    }

    /** The instant the override stops applying; null while it lasts indefinitely. */
    public Instant overrideEnd() {
        return overrideEnd;
    }

    /**
     * When an override of {@code mode} from {@code start} "until the next scheduled change" ends: at the
     * schedule's first change after {@code start} to the other mode. A change to the override's own mode (the
     * opening at 10:00 of an "open now" set at 15:23) ends nothing a caller would notice, so the override runs on
     * until the line's mode would change: the override's end and the line's next change are then one instant.
     * Null when no such change lies within the horizon.
     */
    private Instant firstChangeAwayFrom(Mode mode, Instant start) {
        Instant cursor = start;
        while (true) {
            Instant next = timeline.nextChange(cursor);
            if (next == null || timeline.modeAt(next) != mode) {
                return next;
            }
            cursor = next;
        }
    }

    /** What setting {@code proposed} at {@code now} would do ({@link OverrideEffect}). */
    public OverrideEffect effectOf(ManualOverride proposed, Instant now) {
        return OverrideEffect.of(this, withOverride(proposed), now);
    }

    /** The schedule's own mode changes (ignoring any override) in {@code [from, to)}, each as its start. */
    List<Instant> scheduledChanges(Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        Instant cursor = timeline.nextChange(from);
        while (cursor != null && cursor.isBefore(to)) {
            out.add(cursor);
            cursor = timeline.nextChange(cursor);
        }
        return out;
    }

    /** The schedule's own mode, ignoring any override. */
    public Mode scheduledModeAt(Instant t) {
        return timeline.modeAt(t);
    }

    /** The instant a local date and time takes effect in this zone (gaps and overlaps as in {@link Timeline}). */
    public Instant instantOf(LocalDate date, int minuteOfDay) {
        return timeline.instantOf(date, minuteOfDay);
    }

    private Mode modeAt(Instant t, Instant end) {
        return override != null && covers(t, end) ? override.mode() : timeline.modeAt(t);
    }

    private boolean covers(Instant t, Instant end) {
        return !t.isBefore(override.start()) && (end == null || t.isBefore(end));
    }

    private Instant nextChange(Instant t) {
        Instant end = overrideEnd;
        Mode mode = modeAt(t, end);
        Instant cursor = t;
        while (true) {
            Instant candidate;
            if (override != null && covers(cursor, end)) {
                candidate = end;    // nothing inside the override changes the mode
            } else {
                candidate = earliest(timeline.nextChange(cursor), override == null ? null : firstAfter(cursor, end));
            }
            if (candidate == null) {
                return null;
            }
            if (modeAt(candidate, end) != mode) {
                return candidate;
            }
            cursor = candidate;
        }
    }

    private Instant since(Instant t) {
        Instant end = overrideEnd;
        Mode mode = modeAt(t, end);
        Instant cursor = t;
        while (true) {
            Instant candidate;
            if (override != null && covers(cursor, end)) {
                candidate = override.start();
            } else {
                candidate = latest(timeline.since(cursor), override == null ? null : lastAtOrBefore(cursor, end));
            }
            if (candidate == null) {
                return null;
            }
            Instant justBefore = candidate.minusNanos(1);
            if (modeAt(justBefore, end) != mode) {
                return candidate;
            }
            cursor = justBefore;
        }
    }

    private Instant firstAfter(Instant t, Instant end) {
        if (override.start().isAfter(t)) {
            return override.start();
        }
        return end != null && end.isAfter(t) ? end : null;
    }

    private Instant lastAtOrBefore(Instant t, Instant end) {
        if (end != null && !end.isAfter(t)) {
            return end;
        }
        return !override.start().isAfter(t) ? override.start() : null;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** The plan of one local date after precedence (exception, then holiday, then weekly hours). */
    DayPlan planFor(LocalDate date) {
        Map.Entry<LocalDate, ExceptionDay> e = exceptions.floorEntry(date);
        if (e != null && e.getValue().covers(date)) {
            return DayPlan.exception(e.getValue());
        }
        Optional<Holiday> holiday = holidays.on(date);
        if (holiday.isPresent()) {
            return DayPlan.holiday(holiday.get());
        }
        return DayPlan.weekly(weekly.on(date.getDayOfWeek()));
    }

    private static void refuseOverlap(ExceptionDay e, Map.Entry<LocalDate, ExceptionDay> near) {
        if (near != null && near.getValue().overlaps(e)) {
            ExceptionDay other = near.getValue();
            ExceptionDay earlier = other.first().isAfter(e.first()) ? e : other;
            ExceptionDay later = earlier == e ? other : e;
            throw new IllegalArgumentException("exception days overlap: " + describe(earlier) + " and " + describe(later));
        }
    }

    private static String describe(ExceptionDay e) {
        return e.first().equals(e.last()) ? e.first().toString() : e.first() + ".." + e.last();
    }
}
