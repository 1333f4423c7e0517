package afterhours.switching;

import afterhours.line.Line;
import afterhours.routing.Route;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import java.time.Duration;
import java.time.Instant;

/**
 * What the PBX keeps so it can route on its own when the service is unreachable: the mode, the dial
 * string for now, until when that is valid (next change plus a grace) and the failsafe for after.
 */
public record PushedState(String lineId, Mode mode, Reason reason, String dial, Instant until, String failsafe) {
    /** How long a state with no change in sight stays valid before the PBX should distrust it. */
    static final Duration NO_CHANGE_VALIDITY = Duration.ofDays(366);

    public static PushedState of(Line line, LineState state, Duration grace) {
        Instant until = state.nextChange() != null
                ? state.nextChange().plus(grace)
                : state.at().plus(NO_CHANGE_VALIDITY);
        return new PushedState(line.id(), state.mode(), state.reason(), Route.of(line, state).dial(),
                until, line.failsafeDial());
    }
}
