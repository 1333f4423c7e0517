package afterhours.calllog;

import afterhours.schedule.Mode;
import java.time.Instant;
import java.util.List;

/**
 * One call on a managed line, keyed by Asterisk's Linkedid.
 *
 * @param callerNumber null when withheld
 * @param mode the line's mode when the call came in (from the routing decision, else the schedule)
 * @param decidedBy agi, astdb or failsafe: the dialplan layer that chose the route; null if unknown
 * @param route office, contractor, overflow or failsafe; null when the caller left before any dial
 * @param answeredBy office, contractor or nobody
 * @param ringSeconds from the first dial to the answer (or to the end when nobody answered)
 * @param status IN_PROGRESS, COMPLETE, or END_UNKNOWN (the service stopped before the call ended)
 */
public record CallRecord(String linkedId, String lineId, String did, String callerNumber, String callerName,
                         Instant startedAt, Mode mode, String reason, String decidedBy, String route,
                         List<Attempt> attempts, String answeredBy, Instant answeredAt, Instant endedAt,
                         Double ringSeconds, Double talkSeconds, Integer hangupCause, String hangupText,
                         String status) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETE = "COMPLETE";
    public static final String END_UNKNOWN = "END_UNKNOWN";
    public static final String NOBODY = "nobody";

    public CallRecord {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public boolean answered() {
        return !NOBODY.equals(answeredBy);
    }
}
