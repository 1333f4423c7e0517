package afterhours.pbx.ami;

import afterhours.calllog.CallEvent.Variable;
import afterhours.calllog.CallEvent;
import afterhours.routing.PbxContract;
import java.time.Instant;
import java.util.Set;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.VarSetEvent;

/**
 * Translates Asterisk-Java's AMI events into the call log's {@link CallEvent}s, so the call log knows
 * nothing of the library. Only these classes are read, matched by exact class: the library's synthetic
 * legacy events ({@code DialEvent} for each {@code DialBegin}, {@code BridgeEvent}) would count a dial twice.
 */
public final class AmiCallEvents {
    /** What the call log reads; bridges and CDRs add nothing that these do not already say. */
    static final Set<Class<? extends ManagerEvent>> READ = Set.of(NewChannelEvent.class, NewExtenEvent.class,
            VarSetEvent.class, DialBeginEvent.class, DialEndEvent.class, HangupEvent.class);

    private AmiCallEvents() {
    }

    static boolean read(ManagerEvent event) {
        return READ.contains(event.getClass());
    }

    /** The call log's event for an AMI event; null for one it does not read. */
    public static CallEvent of(ManagerEvent e) {
        // Asterisk's Timestamp (manager.conf timestampevents = yes), else the moment the event arrived
        Instant at = e.getTimestamp() != null
                ? Instant.ofEpochMilli(Math.round(e.getTimestamp() * 1000))
                : e.getDateReceived() != null ? e.getDateReceived().toInstant() : Instant.now();
        if (e instanceof NewChannelEvent n) {
            return CallEvent.newChannel(at, n.getLinkedid(), n.getUniqueId(), n.getExten(), n.getCallerIdNum(),
                    n.getCallerIdName());
        }
        if (e instanceof NewExtenEvent x) {
            // a dialplan Set(NAME=value) shows here after substitution
            String data = x.getAppData();
            boolean set = "Set".equalsIgnoreCase(x.getApplication()) && data != null && data.indexOf('=') > 0;
            Variable variable = set ? variable(data.substring(0, data.indexOf('='))) : null;
            return CallEvent.dialplanStep(at, x.getLinkedId(), x.getUniqueId(), x.getExtension(), x.getCallerIdNum(),
                    x.getCallerIdName(), "AGI".equalsIgnoreCase(x.getApplication()), variable,
                    variable == null ? null : data.substring(data.indexOf('=') + 1));
        }
        if (e instanceof VarSetEvent v && PbxContract.AGISTATUS.equals(v.getVariable())) {
            // AGI() just returned: the same fact as its Newexten step, which the shipped event filter drops
            return CallEvent.dialplanStep(at, v.getLinkedId(), v.getUniqueId(), v.getExten(), v.getCallerIdNum(),
                    v.getCallerIdName(), true, null, null);
        }
        if (e instanceof VarSetEvent v) {
            Variable variable = variable(v.getVariable());
            return CallEvent.variable(at, v.getLinkedId(), v.getUniqueId(), v.getExten(), v.getCallerIdNum(),
                    v.getCallerIdName(), variable, variable == null ? null : v.getValue());
        }
        if (e instanceof DialBeginEvent d) {
            return CallEvent.dialBegin(at, d.getLinkedId(), d.getUniqueId(), d.getDestUniqueId(), d.getDialString());
        }
        if (e instanceof DialEndEvent d) {
            return CallEvent.dialEnd(at, d.getLinkedId(), d.getUniqueId(), d.getDestUniqueId(), d.getDialStatus());
        }
        if (e instanceof HangupEvent h) {
            return CallEvent.hangup(at, h.getLinkedId(), h.getUniqueId(), h.getExten(), h.getCallerIdNum(),
                    h.getCallerIdName(), h.getCause(), h.getCauseTxt());
        }
        return null;
    }

    /** The dialplan variable's meaning for the call log; null for every other variable. */
    static Variable variable(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case PbxContract.AH_LINE -> Variable.LINE;
            case PbxContract.AH_ROUTE -> Variable.ROUTE;
            case PbxContract.AH_DECIDED_BY -> Variable.DECIDED_BY;
            case PbxContract.AH_MODE -> Variable.MODE;
            case PbxContract.AH_REASON -> Variable.REASON;
            default -> null;
        };
    }
}
