package afterhours.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What an override does from {@code now}, to say before it is set ("the office will ring until tomorrow 15:00,
 * 23 hours, including the night") and to decide whether it needs an explicit yes.
 *
 * @param until                       when the override stops applying; null: no end in sight
 * @param end                         when the line's mode next changes with the override set (at or after
 *                                    {@code until}, when the schedule then keeps the same mode); null: none in sight
 * @param openOutsideHours            of {@code [now, until)}, how long the line is OPEN while its schedule says
 *                                    FORWARDED (zero for a FORWARDED override); at most {@link #HORIZON} counted
 * @param forwardedDuringHours        of {@code [now, until)}, how long FORWARDED while the schedule says OPEN
 * @param night                       whether the open-outside-hours time includes any of the night (22:00-06:00,
 *                                    the line's time)
 * @param then                        the schedule's state from {@code until} on (what holds after the override);
 *                                    null when the override has no end
 */
public record OverrideEffect(Mode mode, Instant now, Instant until, Instant end, Duration openOutsideHours,
                             Duration forwardedDuringHours, boolean night, LineState then) {

    /** An OPEN override that keeps the line open outside its hours for longer than this needs an explicit yes. */
    public static final Duration CONFIRM_OPEN_OUTSIDE_HOURS = Duration.ofHours(1);
    /** The night, in the line's time: from 22:00 to 06:00. */
    public static final int NIGHT_FROM_MINUTE = 22 * 60;
    public static final int NIGHT_TO_MINUTE = 6 * 60;
    /** How far ahead the time outside the hours is counted (an override without end counts this much). */
    public static final Duration HORIZON = Duration.ofDays(366);

    static OverrideEffect of(Schedule schedule, Schedule withOverride, Instant now) {
        ManualOverride o = withOverride.override().orElseThrow();
        Instant until = withOverride.overrideEnd();
        LineState state = withOverride.stateAt(now);
        Instant stop = until == null || until.isAfter(now.plus(HORIZON)) ? now.plus(HORIZON) : until;
        Duration against = Duration.ZERO;
        boolean night = false;
        // the stretches of [now, stop) where the schedule's own mode differs from the override's
        List<Instant> cuts = new ArrayList<>();
        cuts.add(now);
        cuts.addAll(schedule.scheduledChanges(now, stop));
        cuts.add(stop);
        for (int i = 0; i + 1 < cuts.size(); i++) {
            Instant from = cuts.get(i);
            Instant to = cuts.get(i + 1);
            if (to.isAfter(from) && schedule.scheduledModeAt(from) != o.mode()) {
                against = against.plus(Duration.between(from, to));
                night = night || (o.mode() == Mode.OPEN && touchesNight(schedule, from, to));
            }
        }
        return new OverrideEffect(o.mode(), now, until, state.nextChange(),
                o.mode() == Mode.OPEN ? against : Duration.ZERO, o.mode() == Mode.FORWARDED ? against : Duration.ZERO,
                night, until == null ? null : schedule.stateAt(until));
    }

    /** Whether {@code [from, to)} overlaps any night 22:00-06:00 in the schedule's zone. */
    private static boolean touchesNight(Schedule schedule, Instant from, Instant to) {
        LocalDate first = from.atZone(schedule.zone()).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(schedule.zone()).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Instant nightStart = schedule.instantOf(d, NIGHT_FROM_MINUTE);
            Instant nightEnd = schedule.instantOf(d.plusDays(1), NIGHT_TO_MINUTE);
            if (from.isBefore(nightEnd) && nightStart.isBefore(to)) {
                return true;
            }
        }
        return false;
    }

    /** How long from now until the line's mode changes; null when no change is in sight. */
    public Duration duration() {
        return end == null ? null : Duration.between(now, end);
    }

    /**
     * Whether setting it needs an explicit yes: it keeps the line OPEN outside its opening hours for more than
     * {@link #CONFIRM_OPEN_OUTSIDE_HOURS} (an override without end on a line that is ever closed does).
     */
    public boolean needsConfirmation() {
        return openOutsideHours.compareTo(CONFIRM_OPEN_OUTSIDE_HOURS) > 0;
    }
}
