package afterhours.calllog;

import afterhours.schedule.Mode;
import java.time.Instant;
import java.util.List;

/**
 * One call on a managed line, keyed by Asterisk's Linkedid.
 *
 * @param callerNumber null when withheld
 * @param mode the line's mode when the call came in (from the routing decision, else the schedule)
 * @param decidedBy the dialplan layer that chose the route; null if unknown
 * @param route null when the caller left before any dial
 * @param ringSeconds from the first dial to the answer (or to the end when nobody answered)
 * @param status END_UNKNOWN when the service stopped before the call ended
 */
public record CallRecord(String linkedId, String lineId, String did, String callerNumber, String callerName,
                         Instant startedAt, Mode mode, String reason, DecidedBy decidedBy, CallRoute route,
                         List<Attempt> attempts, Answerer answeredBy, Instant answeredAt, Instant endedAt,
                         Double ringSeconds, Double talkSeconds, Integer hangupCause, String hangupText,
                         CallStatus status) {

    public CallRecord {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public boolean answered() {
        return answeredBy != Answerer.NOBODY;
    }
}
