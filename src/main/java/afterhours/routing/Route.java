package afterhours.routing;

import afterhours.line.Line;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;

/**
 * Where a call on a line goes in a given state. Open: ring the office for {@code ringSeconds}, then
 * overflow to the contractor. Forwarded: ring the contractor, caller name prefixed so the contractor
 * sees which line the call came in on.
 *
 * @param overflow dial string used when the office does not answer; null when forwarded
 * @param callerIdPrefix prefix for the caller's name; empty when open
 */
public record Route(Mode mode, String dial, int ringSeconds, String overflow, String callerIdPrefix) {

    /** The route for a line in a state: pure, the one place where mode turns into a destination. */
    public static Route of(Line line, LineState state) {
        return of(line, state.mode());
    }

    public static Route of(Line line, Mode mode) {
        if (mode == Mode.OPEN) {
            return new Route(mode, line.officeDial(), line.ringSeconds(), line.contractorDial(), "");
        }
        return new Route(mode, line.contractorDial(), line.ringSeconds(), null, line.callerIdPrefix());
    }
}
