package afterhours.calllog;

import java.time.Instant;

/**
 * One PBX call event in the call log's own terms; the PBX edge translates its library's events into
 * these. {@code at} is the PBX's own timestamp when it sends one, otherwise the moment the event arrived.
 * A dialplan assignment of one of the service's variables (seen as {@code Set()} in a dialplan step, or
 * as a variable event) arrives as {@code variable}/{@code value}.
 *
 * @param agi true for a dialplan step that runs the AGI application
 */
public record CallEvent(Kind kind, Instant at, String linkedId, String uniqueId, String exten, String callerNumber,
                        String callerName, boolean agi, Variable variable, String value, String destUniqueId,
                        String dialString, String dialStatus, Integer cause, String causeText) {

    public enum Kind { NEW_CHANNEL, DIALPLAN_STEP, VARIABLE, DIAL_BEGIN, DIAL_END, HANGUP }

    /** The dialplan's variables the call log reads (the names are the PBX contract's, not the log's). */
    public enum Variable { LINE, ROUTE, DECIDED_BY, MODE, REASON }

    public static CallEvent newChannel(Instant at, String linkedId, String uniqueId, String exten, String callerNumber,
                                       String callerName) {
        return new CallEvent(Kind.NEW_CHANNEL, at, linkedId, uniqueId, exten, callerNumber, callerName, false, null,
                null, null, null, null, null, null);
    }

    public static CallEvent dialplanStep(Instant at, String linkedId, String uniqueId, String exten,
                                         String callerNumber, String callerName, boolean agi, Variable variable,
                                         String value) {
        return new CallEvent(Kind.DIALPLAN_STEP, at, linkedId, uniqueId, exten, callerNumber, callerName, agi, variable,
                value, null, null, null, null, null);
    }

    public static CallEvent variable(Instant at, String linkedId, String uniqueId, String exten, String callerNumber,
                                     String callerName, Variable variable, String value) {
        return new CallEvent(Kind.VARIABLE, at, linkedId, uniqueId, exten, callerNumber, callerName, false, variable,
                value, null, null, null, null, null);
    }

    public static CallEvent dialBegin(Instant at, String linkedId, String uniqueId, String destUniqueId,
                                      String dialString) {
        return new CallEvent(Kind.DIAL_BEGIN, at, linkedId, uniqueId, null, null, null, false, null, null, destUniqueId,
                dialString, null, null, null);
    }

    public static CallEvent dialEnd(Instant at, String linkedId, String uniqueId, String destUniqueId,
                                    String dialStatus) {
        return new CallEvent(Kind.DIAL_END, at, linkedId, uniqueId, null, null, null, false, null, null, destUniqueId,
                null, dialStatus, null, null);
    }

    public static CallEvent hangup(Instant at, String linkedId, String uniqueId, String exten, String callerNumber,
                                   String callerName, Integer cause, String causeText) {
        return new CallEvent(Kind.HANGUP, at, linkedId, uniqueId, exten, callerNumber, callerName, false, null, null,
                null, null, null, cause, causeText);
    }
}
