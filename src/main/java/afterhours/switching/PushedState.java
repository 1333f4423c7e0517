package afterhours.switching;

import afterhours.line.Line;
import afterhours.routing.LiveLine;
import afterhours.routing.PbxContract;
import afterhours.routing.RouteDecision;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the PBX keeps so it routes every call by itself: the route now and the route of the next period with its
 * start, so the dialplan changes over at the boundary to the second whatever the service is doing then; until when
 * that is valid (the change after next plus a grace: the service pushes the following period at the boundary, and
 * the grace covers it being late); and the failsafe for after.
 *
 * @param nextStart when {@code next} takes over; with no change in sight, {@code until} (and {@code next} is {@code now})
 */
public record PushedState(String lineId, RouteDecision now, Instant nextStart, RouteDecision next, Instant until,
                          String failsafe) {
    /** How long a state with no change in sight stays valid before the PBX should distrust it. */
    static final Duration NO_CHANGE_VALIDITY = Duration.ofDays(366);

    /** The line's state now and in the next period, as the line's schedule gives them. */
    public static PushedState of(LiveLine live, LineState state, Duration grace) {
        Line line = live.line();
        RouteDecision now = RouteDecision.of(line, state);
        if (state.nextChange() == null) {
            Instant until = state.at().plus(NO_CHANGE_VALIDITY);
            return new PushedState(line.id(), now, until, now, until, line.failsafeDial());
        }
        LineState next = live.schedule().stateAt(state.nextChange());
        Instant until = next.nextChange() != null ? next.nextChange().plus(grace) : next.at().plus(NO_CHANGE_VALIDITY);
        return new PushedState(line.id(), now, state.nextChange(), RouteDecision.of(line, next), until, line.failsafeDial());
    }

    /** The mode now (what the lamp shows). */
    public Mode mode() {
        return now.mode();
    }

    /** The dial string now. */
    public String dial() {
        return now.dial();
    }

    /**
     * Next's start in the dialplan's whole seconds ({@code EPOCH}), rounded up: a start within a second (an override's
     * end set to the millisecond) is never taken early.
     */
    private long nextStartSecond() {
        return nextStart.getEpochSecond() + (nextStart.getNano() > 0 ? 1 : 0);
    }

    /** The one AstDB value the dialplan reads ({@link PbxContract#KEY_STATE}), fields in {@link PbxContract#STATE_FIELDS} order. */
    public String value() {
        return PbxContract.stateValue(List.of(PbxContract.STATE_VERSION, Long.toString(until.getEpochSecond()),
                Long.toString(nextStartSecond()),
                now.mode().name(), now.dial(), Integer.toString(now.ringSeconds()), now.overflow(), now.callerIdPrefix(),
                now.reason(),
                next.mode().name(), next.dial(), Integer.toString(next.ringSeconds()), next.overflow(),
                next.callerIdPrefix(), next.reason(),
                failsafe));
    }
}
