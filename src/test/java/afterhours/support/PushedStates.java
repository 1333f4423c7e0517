package afterhours.support;

import afterhours.routing.RouteDecision;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.switching.PushedState;
import java.time.Instant;

/** Pushed states for tests of the push itself: one route with no change before {@code until}. */
public final class PushedStates {
    private PushedStates() {
    }

    /** {@code dial} in {@code mode} (ring 20 s, overflow and prefix as the sample line's) until {@code until}. */
    public static PushedState steady(String lineId, Mode mode, Reason reason, String dial, Instant until, String failsafe) {
        RouteDecision route = new RouteDecision(lineId, mode, reason.name(), dial, 20, failsafe, "TC: ");
        return new PushedState(lineId, route, until, route, until, failsafe);
    }
}
