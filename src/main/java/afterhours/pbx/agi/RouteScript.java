package afterhours.pbx.agi;

import static afterhours.pbx.PbxContract.AH_CID_PREFIX;
import static afterhours.pbx.PbxContract.AH_DIAL;
import static afterhours.pbx.PbxContract.AH_MODE;
import static afterhours.pbx.PbxContract.AH_OVERFLOW;
import static afterhours.pbx.PbxContract.AH_REASON;
import static afterhours.pbx.PbxContract.AH_RING_SECONDS;

import afterhours.line.Line;
import afterhours.pbx.PbxContract;
import afterhours.routing.Route;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;
import afterhours.switching.Switchboard;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.NamedAgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agi://HOST:PORT/route?line=LINE}: decides where a call goes now, from the schedule in memory
 * (no database on the call path), and sets every variable in one {@code EXEC MSet} round trip:
 * AH_DIAL, AH_MODE, AH_REASON, AH_RING_SECONDS, AH_OVERFLOW and AH_CID_PREFIX (which the dialplan puts
 * before the caller's name whenever the contractor is rung). It never throws: an unknown line leaves
 * AH_DIAL empty so the dialplan's own failsafe layer decides; an internal error sets the line's failsafe.
 * One instance serves all calls: it keeps no per-call state.
 */
public final class RouteScript implements NamedAgiScript {
    private static final Logger log = LoggerFactory.getLogger(RouteScript.class);

    private final Switchboard switchboard;
    private final RoutingDecisionSink decisions;
    private final Clock clock;

    private final java.util.function.Consumer<java.time.Duration> timing;

    public RouteScript(Switchboard switchboard, RoutingDecisionSink decisions) {
        this(switchboard, decisions, took -> { });
    }

    /** @param timing told how long each answer took (metrics) */
    public RouteScript(Switchboard switchboard, RoutingDecisionSink decisions,
                       java.util.function.Consumer<java.time.Duration> timing) {
        this.switchboard = switchboard;
        this.decisions = decisions;
        this.clock = switchboard.clock();
        this.timing = timing;
    }

    @Override
    public String getName() {
        return PbxContract.ROUTE_SCRIPT;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        long start = System.nanoTime();
        String lineId = request.getParameter(PbxContract.LINE_PARAMETER);
        Map<String, String> vars;
        Decided decided;
        try {
            decided = decide(lineId);
        } catch (RuntimeException e) {
            log.error("Route for line {} on {}: cannot decide, sending the failsafe: {}", lineId, request.getChannel(), e.toString(), e);
            decided = failsafe(lineId);
        }
        vars = decided.variables;
        try {
            channel.exec("MSet", mset(vars));
        } catch (AgiHangupException e) {
            log.debug("Route for line {}: caller hung up before the answer ({})", lineId, request.getChannel());
        } catch (AgiException | RuntimeException e) {
            log.warn("Route for line {} on {}: could not set the variables: {}", lineId, request.getChannel(), e.toString());
        }
        timing.accept(java.time.Duration.ofNanos(System.nanoTime() - start));
        try {
            decisions.decided(new RoutingDecision(clock.instant(), request.getUniqueId(), request.getChannel(),
                    decided.lineId, request.getExtension(), request.getCallerIdNumber(), request.getCallerIdName(),
                    decided.mode, vars.get(AH_REASON), vars.get(AH_DIAL), vars.get(AH_OVERFLOW)));
        } catch (RuntimeException e) {
            log.error("Route for line {}: the call log refused the decision: {}", lineId, e.toString(), e);
        }
    }

    private record Decided(String lineId, Mode mode, Map<String, String> variables) { }

    private Decided decide(String lineId) {
        if (lineId == null || lineId.isBlank()) {
            log.warn("Route request without ?line=: AH_DIAL left empty, the dialplan's failsafe decides");
            return unknown();
        }
        Optional<Switchboard.LiveLine> live = switchboard.line(lineId);
        if (live.isEmpty()) {
            log.warn("Route request for unknown line '{}': AH_DIAL left empty, the dialplan's failsafe decides", lineId);
            return unknown();
        }
        Line line = live.get().line();
        LineState state = live.get().schedule().stateAt(clock.instant());
        Route route = Route.of(line, state);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(AH_DIAL, route.dial());
        vars.put(AH_MODE, state.mode().name());
        vars.put(AH_REASON, state.reason().name());
        vars.put(AH_RING_SECONDS, Integer.toString(route.ringSeconds()));
        vars.put(AH_OVERFLOW, route.overflow() == null ? line.failsafeDial() : route.overflow());
        vars.put(AH_CID_PREFIX, line.callerIdPrefix());
        return new Decided(lineId, state.mode(), vars);
    }

    private Decided failsafe(String lineId) {
        Map<String, String> vars = new LinkedHashMap<>();
        Optional<Switchboard.LiveLine> live = lineId == null ? Optional.empty() : switchboard.line(lineId);
        if (live.isEmpty()) {
            return unknown();
        }
        Line line = live.get().line();
        vars.put(AH_DIAL, line.failsafeDial());
        vars.put(AH_MODE, Mode.FORWARDED.name());
        vars.put(AH_REASON, PbxContract.REASON_FAILSAFE);
        vars.put(AH_RING_SECONDS, Integer.toString(line.ringSeconds()));
        vars.put(AH_OVERFLOW, line.failsafeDial());
        vars.put(AH_CID_PREFIX, line.callerIdPrefix());
        return new Decided(lineId, Mode.FORWARDED, vars);
    }

    private static Decided unknown() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(AH_DIAL, "");
        vars.put(AH_REASON, PbxContract.REASON_UNKNOWN_LINE);
        return new Decided(null, null, vars);
    }

    /**
     * MSet's argument: {@code A=1,B=2}. Every value is ours and validated (dial strings, enums, numbers, a
     * prefix of letters, digits and spaces): none can hold a comma or a quote, so nothing from a caller
     * reaches this line.
     */
    static String mset(Map<String, String> vars) {
        return vars.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
