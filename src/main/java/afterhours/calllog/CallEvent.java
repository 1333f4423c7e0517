package afterhours.calllog;

import java.time.Instant;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.VarSetEvent;

/**
 * One AMI call event reduced to what the call log reads, so the assembly does not depend on the
 * library's classes. {@code at} is Asterisk's {@code Timestamp} (manager.conf {@code timestampevents =
 * yes}), otherwise the moment the event arrived. For a dialplan {@code Set(NAME=value)} (seen in Newexten
 * after substitution) and for VarSet, {@code variable}/{@code value} hold the assignment.
 */
public record CallEvent(Kind kind, Instant at, String linkedId, String uniqueId, String context, String exten,
                        String callerNumber, String callerName, String application, String variable, String value,
                        String destUniqueId, String dialString, String dialStatus, Integer cause, String causeText) {

    public enum Kind { NEW_CHANNEL, NEW_EXTEN, VAR_SET, DIAL_BEGIN, DIAL_END, HANGUP }

    /** Converts a library event; null for an event the call log does not read. */
    public static CallEvent of(ManagerEvent e) {
        Instant at = e.getTimestamp() != null
                ? Instant.ofEpochMilli(Math.round(e.getTimestamp() * 1000))
                : e.getDateReceived() != null ? e.getDateReceived().toInstant() : Instant.now();
        if (e instanceof NewChannelEvent n) {
            return new CallEvent(Kind.NEW_CHANNEL, at, n.getLinkedid(), n.getUniqueId(), n.getContext(), n.getExten(),
                    n.getCallerIdNum(), n.getCallerIdName(), null, null, null, null, null, null, null, null);
        }
        if (e instanceof NewExtenEvent x) {
            String data = x.getAppData();
            boolean set = "Set".equalsIgnoreCase(x.getApplication()) && data != null && data.indexOf('=') > 0;
            return new CallEvent(Kind.NEW_EXTEN, at, x.getLinkedId(), x.getUniqueId(), x.getContext(), x.getExtension(),
                    x.getCallerIdNum(), x.getCallerIdName(), x.getApplication(),
                    set ? data.substring(0, data.indexOf('=')) : null, set ? data.substring(data.indexOf('=') + 1) : null,
                    null, null, null, null, null);
        }
        if (e instanceof VarSetEvent v) {
            return new CallEvent(Kind.VAR_SET, at, v.getLinkedId(), v.getUniqueId(), v.getContext(), v.getExten(),
                    v.getCallerIdNum(), v.getCallerIdName(), null, v.getVariable(), v.getValue(), null, null, null, null,
                    null);
        }
        if (e instanceof DialBeginEvent d) {
            return new CallEvent(Kind.DIAL_BEGIN, at, d.getLinkedId(), d.getUniqueId(), null, null, null, null, null,
                    null, null, d.getDestUniqueId(), d.getDialString(), null, null, null);
        }
        if (e instanceof DialEndEvent d) {
            return new CallEvent(Kind.DIAL_END, at, d.getLinkedId(), d.getUniqueId(), null, null, null, null, null,
                    null, null, d.getDestUniqueId(), null, d.getDialStatus(), null, null);
        }
        if (e instanceof HangupEvent h) {
            return new CallEvent(Kind.HANGUP, at, h.getLinkedId(), h.getUniqueId(), h.getContext(), h.getExten(),
                    h.getCallerIdNum(), h.getCallerIdName(), null, null, null, null, null, null, h.getCause(),
                    h.getCauseTxt());
        }
        return null;
    }
}
