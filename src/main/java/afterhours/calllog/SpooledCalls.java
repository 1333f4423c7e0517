package afterhours.calllog;

import afterhours.line.Line;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the dialplan's own records of calls (the spool) into call-log rows: the same row the live view
 * would have made, to the second. Mode and reason are those the dialplan routed by (the pushed state's, or
 * FastAGI's); when it had none (the failsafe, an older dialplan) the schedule's at the call's start.
 */
final class SpooledCalls {
    private SpooledCalls() {
    }

    static CallRecord toRecord(SpoolRecord s, LineDirectory lines) {
        Line line = lines.byId(s.lineId()).orElse(null);
        Instant answeredAt = s.answered() && s.answeredSeconds() != null
                ? s.endedAt().minusSeconds(s.answeredSeconds()) : null;
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < s.tries().size(); i++) {
            SpoolRecord.Try t = s.tries().get(i);
            boolean last = i == s.tries().size() - 1;
            attempts.add(new Attempt(t.target(), dialString(line, t.target()), t.dialStatus(), null,
                    last ? (answeredAt != null ? answeredAt : s.endedAt()) : null));
        }
        Answerer answeredBy = s.answered() ? Answerer.of(s.tries().get(s.tries().size() - 1).target()) : Answerer.NOBODY;
        Instant ringEnd = answeredAt != null ? answeredAt : s.endedAt();
        Double ring = attempts.isEmpty() ? null : seconds(s.startedAt(), ringEnd);
        Double talk = answeredAt == null ? null : (double) s.answeredSeconds();
        Mode mode = s.mode();
        String reason = s.reason();
        if (mode == null) {
            // the failsafe, or a record of dialplan 3: as the schedule had it at the call's start
            Optional<LineState> state = lines.stateAt(s.lineId(), s.startedAt());
            mode = state.map(LineState::mode).orElse(null);
            reason = state.map(st -> st.reason().name()).orElse(null);
        }
        return new CallRecord(s.linkedId(), s.lineId(), s.did(), CallerIds.number(s.callerNumber()), s.callerName(), s.startedAt(), mode,
                reason, s.decidedBy(), s.route(), attempts, answeredBy, answeredAt, s.endedAt(), ring, talk,
                s.hangupCause(), null, CallStatus.COMPLETE);
    }

    /** The line's dial string for a target, as Asterisk reports it (without the technology). */
    private static String dialString(Line line, Target target) {
        if (line == null) {
            return "";
        }
        String dial = switch (target) {
            case OFFICE -> line.officeDial();
            case CONTRACTOR -> line.contractorDial();
            case FAILSAFE -> line.failsafeDial();
            case OTHER -> "";
        };
        return CallAssembler.resource(dial);
    }

    private static Double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis()) / 1000.0;
    }
}
