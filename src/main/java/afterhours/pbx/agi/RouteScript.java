package afterhours.pbx.agi;

import afterhours.calllog.RoutingDecision;
import afterhours.calllog.RoutingDecisionSink;
import afterhours.routing.LiveLine;
import afterhours.routing.PbxContract;
import afterhours.routing.RouteDecision;
import afterhours.routing.RouteLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.NamedAgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agi://HOST:PORT/route?line=LINE}: reads the line, asks the schedule in memory for the route now
 * (no database on the call path) and sets the decision's variables in one {@code EXEC MSet} round trip.
 * It never throws: an unknown line leaves AH_DIAL empty so the dialplan's own layers decide; an internal
 * error sets the line's failsafe. One instance serves all calls: it keeps no per-call state.
 */
public final class RouteScript implements NamedAgiScript {
    private static final Logger log = LoggerFactory.getLogger(RouteScript.class);

    private final RouteLookup lines;
    private final RoutingDecisionSink decisions;
    private final Clock clock;
    private final Consumer<Duration> timing;

    /**
     * @param decisions told of each decision after the answer was sent (the call log)
     * @param timing told how long each answer took (metrics)
     */
    public RouteScript(RouteLookup lines, RoutingDecisionSink decisions, Clock clock, Consumer<Duration> timing) {
        this.lines = lines;
        this.decisions = decisions;
        this.clock = clock;
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
        RouteDecision decided;
        try {
            decided = decide(lineId);
        } catch (RuntimeException e) {
            log.error("Route for line {} on {}: cannot decide, sending the failsafe: {}", lineId, request.getChannel(), e.toString(), e);
            decided = lines.line(lineId).map(live -> RouteDecision.failsafe(live.line())).orElse(RouteDecision.unknownLine());
        }
        // everything for the call log is gathered before the answer: Asterisk goes on only when this
        // script returns, so after the answer there is only a hand-over left to do
        RoutingDecision forLog = new RoutingDecision(clock.instant(), request.getUniqueId(), request.getChannel(),
                decided.lineId(), request.getExtension(), request.getCallerIdNumber(), request.getCallerIdName(),
                decided.mode(), decided.reason(), decided.dial(), decided.overflow());
        try {
            channel.exec("MSet", mset(decided.variables()));
        } catch (AgiHangupException e) {
            log.debug("Route for line {}: caller hung up before the answer ({})", lineId, request.getChannel());
        } catch (AgiException | RuntimeException e) {
            log.warn("Route for line {} on {}: could not set the variables: {}", lineId, request.getChannel(), e.toString());
        }
        timing.accept(Duration.ofNanos(System.nanoTime() - start));
        try {
            decisions.decided(forLog);
        } catch (RuntimeException e) {
            log.error("Route for line {}: the call log refused the decision: {}", lineId, e.toString(), e);
        }
    }

    /**
     * Runs the decision path {@code times} times for each served line, at instants a few minutes apart from
     * {@code from} on, so that the JIT has compiled it before the first calls: until then every call runs
     * interpreted code, which on a machine busy with Asterisk adds a fraction of a millisecond to its set-up.
     * Answers nobody and logs nothing; returns a figure of the work so none of it can be skipped.
     */
    public long warmUp(Collection<String> lineIds, Instant from, int times) {
        long work = 0;
        for (int i = 0; i < times; i++) {
            Instant at = from.plus(Duration.ofMinutes(7L * i));
            for (String id : lineIds) {
                Optional<LiveLine> live = lines.line(id);
                if (live.isPresent()) {
                    work += mset(RouteDecision.at(live.get(), at).variables()).length();
                }
            }
        }
        return work;
    }

    private RouteDecision decide(String lineId) {
        if (lineId == null || lineId.isBlank()) {
            log.warn("Route request without ?line=: AH_DIAL left empty, the dialplan's failsafe decides");
            return RouteDecision.unknownLine();
        }
        Optional<LiveLine> live = lines.line(lineId);
        if (live.isEmpty()) {
            log.warn("Route request for unknown line '{}': AH_DIAL left empty, the dialplan's failsafe decides", lineId);
            return RouteDecision.unknownLine();
        }
        return RouteDecision.at(live.get(), clock.instant());
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
