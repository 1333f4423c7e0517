package afterhours.calllog;

import afterhours.line.Line;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
    private final Set<String> recentlyEnded = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_CAPACITY;
        }
    });

    public CallAssembler(LineDirectory lines, Output output) {
        this.lines = lines;
        this.output = output;
    }

    /** Decisions waiting for their call's first event. */
    int waitingDecisions() {
        return waitingDecisions.size();
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
            case DIALPLAN_STEP -> {
                recognise(call, e.exten(), null);
                if (e.agi()) {
                    call.agiRan = true;
                }
                assign(call, e.variable(), e.value());
            }
            case VARIABLE -> assign(call, e.variable(), e.value());
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
                finish(call, CallStatus.END_UNKNOWN);
            }
        }
        waitingDecisions.values().removeIf(d -> d.at().plus(DECISION_WAIT).isBefore(now));
    }

    /** Every call still open, as it stands (for a clean shutdown: stored as in progress). */
    public List<CallRecord> snapshot() {
        List<CallRecord> out = new ArrayList<>();
        for (Call call : calls.values()) {
            if (call.lineId != null) {
                out.add(build(call, CallStatus.IN_PROGRESS));
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
        output.started(build(call, CallStatus.IN_PROGRESS));
    }

    private void assign(Call call, CallEvent.Variable variable, String value) {
        if (variable == null) {
            return;
        }
        switch (variable) {
            case LINE -> recognise(call, null, value);
            case ROUTE -> call.route = word(value, CallRoute::of);
            case DECIDED_BY -> call.decidedBy = word(value, DecidedBy::of);
            case MODE -> call.mode = word(value, Mode::valueOf);
            case REASON -> call.reason = word(value, Reason::valueOf);
        }
    }

    /** A dialplan word in our vocabulary; an empty or unknown one says nothing (the layer is inferred). */
    private static <T> T word(String value, Function<String, T> parse) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse.apply(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void observeCaller(Call call, CallEvent e) {
        if (call.callerNumber == null && e.callerNumber() != null && !e.callerNumber().equals(e.exten())) {
            call.callerNumber = CallerIds.number(e.callerNumber());
        }
        if (call.callerName == null && e.callerName() != null) {
            // a withheld caller's first name seen may be the one the dialplan made for the contractor: prefix only
            String prefix = call.lineId == null ? null : lines.byId(call.lineId).map(Line::callerIdPrefix).orElse(null);
            call.callerName = CallerIds.name(e.callerName(), prefix);
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
            finish(call, CallStatus.COMPLETE);
        }
    }

    private void finish(Call call, CallStatus status) {
        calls.remove(call.linkedId);
        call.channels.forEach(linkedIdOfChannel::remove);
        recentlyEnded.add(call.linkedId);
        if (call.lineId != null) {
            output.completed(build(call, status));
        }
    }

    private CallRecord build(Call call, CallStatus status) {
        Line line = lines.byId(call.lineId).orElse(null);
        RoutingDecision d = call.decision;
        List<Attempt> attempts = new ArrayList<>();
        for (Dial dial : call.attempts.values()) {
            attempts.add(new Attempt(targetOf(dial, d, line), dial.dialString, dial.status, dial.began, dial.ended));
        }
        Attempt answered = attempts.stream().filter(Attempt::answered).findFirst().orElse(null);
        DecidedBy decidedBy = decidedBy(call, d, attempts);
        Instant endedAt = status == CallStatus.IN_PROGRESS ? null : call.endedAt;
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
        } else if (call.mode != null) {
            // routed natively: mode and reason as the PBX held them, which another instance may have pushed
            mode = call.mode;
            reason = call.reason == null ? null : call.reason.name();
        }
        if (mode == null || reason == null) {
            Optional<LineState> state = call.lineId == null ? Optional.empty() : lines.stateAt(call.lineId, call.startedAt);
            if (state.isPresent()) {
                mode = mode == null ? state.get().mode() : mode;
                reason = reason == null && mode == state.get().mode() ? state.get().reason().name() : reason;
            }
        }
        String callerNumber = d != null ? CallerIds.number(d.callerNumber()) : call.callerNumber;
        String callerName = d != null && d.callerName() != null ? d.callerName() : call.callerName;
        String did = call.did != null ? call.did : d != null ? d.did() : null;
        return new CallRecord(call.linkedId, call.lineId, did, callerNumber, callerName, call.startedAt, mode, reason,
                decidedBy, route(call, d, attempts, decidedBy), attempts,
                answered == null ? Answerer.NOBODY : Answerer.of(answered.target()), answeredAt, endedAt, ring, talk,
                call.cause, call.causeText, status);
    }

    /** The layer that decided: the dialplan says so; else a decision from us means FastAGI; else inferred. */
    private static DecidedBy decidedBy(Call call, RoutingDecision d, List<Attempt> attempts) {
        if (call.decidedBy != null) {
            return call.decidedBy;
        }
        if (d != null && d.dial() != null && !d.dial().isEmpty()) {
            return DecidedBy.AGI;
        }
        if (attempts.stream().anyMatch(a -> a.target() == Target.FAILSAFE)) {
            return DecidedBy.FAILSAFE;
        }
        return call.agiRan || !attempts.isEmpty() ? DecidedBy.ASTDB : null;
    }

    private static CallRoute route(Call call, RoutingDecision d, List<Attempt> attempts, DecidedBy decidedBy) {
        if (call.route != null) {
            return call.route;
        }
        List<Target> targets = attempts.stream().map(Attempt::target).filter(t -> t != Target.OTHER).toList();
        if (!targets.isEmpty()) {
            Target first = targets.get(0);
            if (first == Target.OFFICE) {
                return targets.size() > 1 ? CallRoute.OVERFLOW : CallRoute.OFFICE;
            }
            if (first == Target.FAILSAFE || decidedBy == DecidedBy.FAILSAFE) {
                return CallRoute.FAILSAFE;
            }
            return CallRoute.CONTRACTOR;
        }
        if (d != null && d.mode() != null) {
            return d.mode() == Mode.OPEN ? CallRoute.OFFICE : CallRoute.CONTRACTOR;
        }
        return null;
    }

    /** Which destination a dial string is: the route the dialplan named, else the decision, else the line. */
    private static Target targetOf(Dial dial, RoutingDecision d, Line line) {
        if (dial.routeHint != null) {
            return switch (dial.routeHint) {
                case OFFICE -> Target.OFFICE;
                case FAILSAFE -> Target.FAILSAFE;
                case CONTRACTOR, OVERFLOW -> Target.CONTRACTOR;
            };
        }
        if (d != null && d.mode() != null && dial.dialString.equals(resource(d.dial()))) {
            return d.mode() == Mode.OPEN ? Target.OFFICE : Target.CONTRACTOR;
        }
        if (d != null && dial.dialString.equals(resource(d.overflow()))) {
            return Target.CONTRACTOR;
        }
        if (line != null) {
            if (dial.dialString.equals(resource(line.officeDial()))) {
                return Target.OFFICE;
            }
            if (dial.dialString.equals(resource(line.contractorDial()))) {
                return Target.CONTRACTOR;
            }
            if (dial.dialString.equals(resource(line.failsafeDial()))) {
                return Target.FAILSAFE;
            }
        }
        return Target.OTHER;
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

    /** A dial in progress. */
    private static final class Dial {
        final String dialString;
        final CallRoute routeHint;
        final Instant began;
        String status;
        Instant ended;

        Dial(String dialString, CallRoute routeHint, Instant began) {
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
        CallRoute route;
        DecidedBy decidedBy;
        Mode mode;
        Reason reason;
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
