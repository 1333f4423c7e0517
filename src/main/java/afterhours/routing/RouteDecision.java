package afterhours.routing;

import static afterhours.routing.PbxContract.AH_CID_PREFIX;
import static afterhours.routing.PbxContract.AH_DIAL;
import static afterhours.routing.PbxContract.AH_MODE;
import static afterhours.routing.PbxContract.AH_OVERFLOW;
import static afterhours.routing.PbxContract.AH_REASON;
import static afterhours.routing.PbxContract.AH_RING_SECONDS;

import afterhours.line.Line;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the route script answers for one call, and the dialplan variables that say it (the decision sets
 * its own variables, so the script only reads, asks and hands over). Three kinds: the schedule's route,
 * the line's failsafe when the schedule could not be asked, and an unknown line, which leaves AH_DIAL
 * empty so the dialplan's own layers decide.
 *
 * @param lineId null for an unknown line
 * @param mode null for an unknown line
 * @param reason the schedule's reason, or {@link PbxContract#REASON_FAILSAFE} / {@link PbxContract#REASON_UNKNOWN_LINE}
 * @param dial the destination; empty for an unknown line
 * @param overflow rung when the office does not answer (the failsafe when forwarded); null for an unknown line
 */
public record RouteDecision(String lineId, Mode mode, String reason, String dial, Integer ringSeconds, String overflow,
                            String callerIdPrefix) {

    /** The route the line's schedule gives at {@code at}. */
    public static RouteDecision at(LiveLine live, Instant at) {
        return of(live.line(), live.schedule().stateAt(at));
    }

    /** The route of a line in a state: what a call gets, whoever decides it (FastAGI, or the dialplan from the push). */
    public static RouteDecision of(Line line, LineState state) {
        Route route = Route.of(line, state);
        return new RouteDecision(line.id(), state.mode(), state.reason().name(), route.dial(), route.ringSeconds(),
                route.overflow() == null ? line.failsafeDial() : route.overflow(), line.callerIdPrefix());
    }

    /** The line's failsafe: the contractor's always-staffed desk unless configured otherwise. */
    public static RouteDecision failsafe(Line line) {
        return new RouteDecision(line.id(), Mode.FORWARDED, PbxContract.REASON_FAILSAFE, line.failsafeDial(),
                line.ringSeconds(), line.failsafeDial(), line.callerIdPrefix());
    }

    /** A request naming no line the service serves. */
    public static RouteDecision unknownLine() {
        return new RouteDecision(null, null, PbxContract.REASON_UNKNOWN_LINE, "", null, null, null);
    }

    public boolean knownLine() {
        return lineId != null;
    }

    /** The AH_* channel variables, in the order they are set; an unknown line sets only AH_DIAL and AH_REASON. */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(AH_DIAL, dial);
        if (knownLine()) {
            vars.put(AH_MODE, mode.name());
        }
        vars.put(AH_REASON, reason);
        if (knownLine()) {
            vars.put(AH_RING_SECONDS, Integer.toString(ringSeconds));
            vars.put(AH_OVERFLOW, overflow);
            vars.put(AH_CID_PREFIX, callerIdPrefix);
        }
        return Collections.unmodifiableMap(vars);
    }
}
