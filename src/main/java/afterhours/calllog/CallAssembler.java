package afterhours.calllog;

import afterhours.line.Line;
import afterhours.pbx.PbxContract;
import afterhours.pbx.agi.RoutingDecision;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the AMI events of every call (several channels sharing one Linkedid) plus the FastAGI routing
 * decision into one {@link CallRecord}. Reports a call when it is recognised as one of a managed line
 * (its DID, or AH_LINE, or a routing decision) and again when its last channel hangs up. Events are
 * idempotent (a duplicate changes nothing) and calls on other numbers cost a map entry until they end.
 * Not thread-safe: {@link CallLog} feeds it from one thread at a time.
 */
public final class CallAssembler {
    /** Receives the records to store. */
    public interface Output {
        void started(CallRecord call);

        void completed(CallRecord call);
    }

    static final int RECENT_CAPACITY = 20_000;
    static final Duration DECISION_WAIT = Duration.ofMinutes(10);

    private final LineDirectory lines;
    private final Output output;
    private final Map<String, Call> calls = new HashMap<>();
    private final Map<String, String> linkedIdOfChannel = new HashMap<>();
    private final Map<String, RoutingDecision> waitingDecisions = new HashMap<>();
    private final Set<String> recentlyEnded = java.util.Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_CAPACITY;
        }
    });

    public CallAssembler(LineDirectory lines, Output output) {
        this.lines = lines;
        this.output = output;
    }

    public int inProgress() {
        return calls.size();
    }

    public void accept(CallEvent e) {
        if (e.linkedId() == null || recentlyEnded.contains(e.linkedId())) {
            return;
        }
        Call call = calls.computeIfAbsent(e.linkedId(), id -> new Call(id, e.at()));
        call.lastEventAt = e.at();
        if (e.uniqueId() != null && e.kind() != CallEvent.Kind.HANGUP) {
            if (call.channels.add(e.uniqueId())) {
                call.open.add(e.uniqueId());
                linkedIdOfChannel.put(e.uniqueId(), e.linkedId());
                RoutingDecision waiting = waitingDecisions.remove(e.uniqueId());
                if (waiting != null) {
                    join(call, waiting);
                }
            }
        }
        observeCaller(call, e);
        switch (e.kind()) {
            case NEW_CHANNEL -> recognise(call, e.exten(), null);
            case NEW_EXTEN -> {
                recognise(call, e.exten(), null);
                if ("AGI".equalsIgnoreCase(e.application())) {
                    call.agiRan = true;
                }
                if (e.variable() != null) {
                    assign(call, e.variable(), e.value());
                }
            }
            case VAR_SET -> assign(call, e.variable(), e.value());
            case DIAL_BEGIN -> {
                if (e.destUniqueId() != null && e.dialString() != null && !call.attempts.containsKey(e.destUniqueId())
                        && e.uniqueId() != null) {
                    call.attempts.put(e.destUniqueId(), new Dial(e.dialString(), call.route, e.at()));
                }
            }
            case DIAL_END -> {
                Dial dial = call.attempts.get(e.destUniqueId());
                if (dial != null && dial.status == null && e.dialStatus() != null && !e.dialStatus().isEmpty()) {
                    dial.status = e.dialStatus();
                    dial.ended = e.at();
                }
            }
            case HANGUP -> hangup(call, e);
        }
    }

    /** The FastAGI decision for one channel of a call; may come before or after that channel's events. */
    public void accept(RoutingDecision d) {
        String linkedId = d.uniqueId() == null ? null : linkedIdOfChannel.get(d.uniqueId());
        Call call = linkedId == null ? null : calls.get(linkedId);
        if (call == null) {
            if (d.uniqueId() != null) {
                waitingDecisions.put(d.uniqueId(), d);
            }
            return;
        }
        join(call, d);
    }

    /**
     * Closes calls that have been silent for {@code idle} (their hang-up was lost, e.g. during an AMI gap)
     * as END_UNKNOWN, and forgets decisions whose call never showed up.
     */
    public void sweep(Instant now, Duration idle) {
        for (Call call : List.copyOf(calls.values())) {
            if (call.lastEventAt.plus(idle).isBefore(now)) {
                finish(call, CallRecord.END_UNKNOWN);
            }
        }
        waitingDecisions.values().removeIf(d -> d.at().plus(DECISION_WAIT).isBefore(now));
    }

    /** Every call still open, as it stands (for a clean shutdown: stored as in progress). */
    public List<CallRecord> snapshot() {
        List<CallRecord> out = new ArrayList<>();
        for (Call call : calls.values()) {
            if (call.lineId != null) {
                out.add(build(call, CallRecord.IN_PROGRESS));
            }
        }
        return out;
    }

    private void join(Call call, RoutingDecision d) {
        call.decision = d;
        if (d.lineId() != null) {
            recognise(call, null, d.lineId());
        }
    }

    private void recognise(Call call, String exten, String lineId) {
        if (call.lineId != null) {
            return;
        }
        Optional<Line> line = lineId != null ? lines.byId(lineId) : exten == null ? Optional.empty() : lines.byNumber(exten);
        if (line.isEmpty()) {
            return;
        }
        call.lineId = line.get().id();
        if (exten != null) {
            call.did = exten;
        }
        output.started(build(call, CallRecord.IN_PROGRESS));
    }

    private void assign(Call call, String variable, String value) {
        if (variable == null) {
            return;
        }
        switch (variable) {
            case PbxContract.AH_LINE -> recognise(call, null, value);
            case PbxContract.AH_ROUTE -> call.route = blankToNull(value);
            case PbxContract.AH_DECIDED_BY -> call.decidedBy = blankToNull(value);
            case PbxContract.AH_MODE -> call.mode = blankToNull(value);
            default -> {
            }
        }
    }

    private static void observeCaller(Call call, CallEvent e) {
        if (call.callerNumber == null && e.callerNumber() != null && !e.callerNumber().equals(e.exten())) {
            call.callerNumber = e.callerNumber();
        }
        if (call.callerName == null && e.callerName() != null) {
            call.callerName = e.callerName();
        }
    }

    private void hangup(Call call, CallEvent e) {
        if (e.uniqueId() != null) {
            call.open.remove(e.uniqueId());
            call.channels.add(e.uniqueId());
        }
        if (e.uniqueId() != null && e.uniqueId().equals(call.linkedId) || call.cause == null) {
            call.cause = e.cause();
            call.causeText = e.causeText();
        }
        call.endedAt = e.at();
        if (call.open.isEmpty()) {
            finish(call, CallRecord.COMPLETE);
        }
    }

    private void finish(Call call, String status) {
        calls.remove(call.linkedId);
        call.channels.forEach(linkedIdOfChannel::remove);
        recentlyEnded.add(call.linkedId);
        if (call.lineId != null) {
            output.completed(build(call, status));
        }
    }

    private CallRecord build(Call call, String status) {
        Line line = lines.byId(call.lineId).orElse(null);
        RoutingDecision d = call.decision;
        List<Attempt> attempts = new ArrayList<>();
        for (Dial dial : call.attempts.values()) {
            attempts.add(new Attempt(targetOf(dial, d, line), dial.dialString, dial.status, dial.began, dial.ended));
        }
        Attempt answered = attempts.stream().filter(Attempt::answered).findFirst().orElse(null);
        String decidedBy = decidedBy(call, d, attempts);
        Instant endedAt = status.equals(CallRecord.IN_PROGRESS) ? null : call.endedAt;
        Instant answeredAt = answered == null ? null : answered.ended();
        Double ring = null;
        if (!attempts.isEmpty()) {
            Instant stop = answeredAt != null ? answeredAt : attempts.get(attempts.size() - 1).ended();
            if (stop == null) {
                stop = endedAt;
            }
            ring = stop == null ? null : seconds(attempts.get(0).began(), stop);
        }
        Double talk = answeredAt != null && endedAt != null ? seconds(answeredAt, endedAt) : null;
        Mode mode = null;
        String reason = null;
        if (d != null && d.mode() != null) {
            mode = d.mode();
            reason = d.reason();
        } else if (call.mode != null && (call.mode.equals("OPEN") || call.mode.equals("FORWARDED"))) {
            mode = Mode.valueOf(call.mode);
        }
        if (mode == null || reason == null) {
            Optional<LineState> state = call.lineId == null ? Optional.empty() : lines.stateAt(call.lineId, call.startedAt);
            if (state.isPresent()) {
                mode = mode == null ? state.get().mode() : mode;
                reason = reason == null && mode == state.get().mode() ? state.get().reason().name() : reason;
            }
        }
        String callerNumber = d != null ? d.callerNumber() : call.callerNumber;
        String callerName = d != null && d.callerName() != null ? d.callerName() : call.callerName;
        String did = call.did != null ? call.did : d != null ? d.did() : null;
        return new CallRecord(call.linkedId, call.lineId, did, callerNumber, callerName, call.startedAt, mode, reason,
                decidedBy, route(call, d, attempts, decidedBy), attempts,
                answered == null ? CallRecord.NOBODY : answeredBy(answered.target()), answeredAt, endedAt, ring, talk,
                call.cause, call.causeText, status);
    }

    /** The layer that decided: the dialplan says so; else a decision from us means FastAGI; else inferred. */
    private static String decidedBy(Call call, RoutingDecision d, List<Attempt> attempts) {
        if (call.decidedBy != null) {
            return call.decidedBy;
        }
        if (d != null && d.dial() != null && !d.dial().isEmpty()) {
            return "agi";
        }
        if (attempts.stream().anyMatch(a -> a.target().equals("failsafe"))) {
            return "failsafe";
        }
        return call.agiRan || !attempts.isEmpty() ? "astdb" : null;
    }

    private static String route(Call call, RoutingDecision d, List<Attempt> attempts, String decidedBy) {
        if (call.route != null) {
            return call.route;
        }
        List<String> targets = attempts.stream().map(Attempt::target).filter(t -> !t.equals("other")).toList();
        if (!targets.isEmpty()) {
            String first = targets.get(0);
            if (first.equals("office")) {
                return targets.size() > 1 ? "overflow" : "office";
            }
            if (first.equals("failsafe") || "failsafe".equals(decidedBy)) {
                return "failsafe";
            }
            return "contractor";
        }
        if (d != null && d.mode() != null) {
            return d.mode() == Mode.OPEN ? "office" : "contractor";
        }
        return null;
    }

    /** Which destination a dial string is: the route the dialplan named, else the decision, else the line. */
    private static String targetOf(Dial dial, RoutingDecision d, Line line) {
        if (dial.routeHint != null) {
            return switch (dial.routeHint) {
                case "office" -> "office";
                case "failsafe" -> "failsafe";
                default -> "contractor";
            };
        }
        if (d != null && d.mode() != null && dial.dialString.equals(resource(d.dial()))) {
            return d.mode() == Mode.OPEN ? "office" : "contractor";
        }
        if (d != null && dial.dialString.equals(resource(d.overflow()))) {
            return "contractor";
        }
        if (line != null) {
            if (dial.dialString.equals(resource(line.officeDial()))) {
                return "office";
            }
            if (dial.dialString.equals(resource(line.contractorDial()))) {
                return "contractor";
            }
            if (dial.dialString.equals(resource(line.failsafeDial()))) {
                return "failsafe";
            }
        }
        return "other";
    }

    private static String answeredBy(String target) {
        return switch (target) {
            case "office" -> "office";
            case "other" -> "other";
            default -> "contractor";
        };
    }

    /** Asterisk's DialString is the dial string without its technology: {@code PJSIP/reception} → {@code reception}. */
    static String resource(String dial) {
        if (dial == null) {
            return null;
        }
        int slash = dial.indexOf('/');
        return slash >= 0 ? dial.substring(slash + 1) : dial;
    }

    private static Double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis()) / 1000.0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A dial in progress. */
    private static final class Dial {
        final String dialString;
        final String routeHint;
        final Instant began;
        String status;
        Instant ended;

        Dial(String dialString, String routeHint, Instant began) {
            this.dialString = dialString;
            this.routeHint = routeHint;
            this.began = began;
        }
    }

    /** What is known so far about one call. */
    private static final class Call {
        final String linkedId;
        final Instant startedAt;
        final Set<String> channels = new HashSet<>();
        final Set<String> open = new HashSet<>();
        final Map<String, Dial> attempts = new LinkedHashMap<>();
        Instant lastEventAt;
        Instant endedAt;
        String lineId;
        String did;
        String callerNumber;
        String callerName;
        String route;
        String decidedBy;
        String mode;
        boolean agiRan;
        Integer cause;
        String causeText;
        RoutingDecision decision;

        Call(String linkedId, Instant startedAt) {
            this.linkedId = linkedId;
            this.startedAt = startedAt;
            this.lastEventAt = startedAt;
        }
    }
}
