package afterhours.notify;

import afterhours.calllog.MissedCallEntry;
import afterhours.line.LineSetup;
import afterhours.schedule.Detail;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import java.time.Instant;
import java.util.List;

/**
 * Something a line's recipients are told of, with the line as it is after the change, so the message can
 * say what happens from now and until when.
 *
 * @param exception the exception added or removed (else null)
 * @param mode, reason, why the switch made (SWITCH only; {@code why} may be null when not known)
 * @param since when the PBX link went down (PBX_DOWN) or the service was last seen running (SERVICE_DOWN)
 * @param missed the calls nobody answered (MISSED only)
 */
public record Notice(Kind kind, LineSetup after, Instant at, String actor, String note, ExceptionDay exception,
                     Mode mode, Reason reason, Detail why, Instant since, Missed missed) {

    public enum Kind {
        OVERRIDE_SET, OVERRIDE_CLEARED, EXCEPTION_ADDED, EXCEPTION_REMOVED, SWITCH, PBX_DOWN, SERVICE_DOWN, TEST, MISSED;

        /** As the webhook payload names it: override-set, switch, pbx-down … */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static Notice change(Kind kind, LineSetup after, Instant at, String actor, String note) {
        return new Notice(kind, after, at, actor, note, null, null, null, null, null, null);
    }

    public static Notice exception(Kind kind, LineSetup after, Instant at, String actor, ExceptionDay day) {
        return new Notice(kind, after, at, actor, day.note(), day, null, null, null, null, null);
    }

    public static Notice switched(LineSetup after, Instant at, Mode mode, Reason reason, Detail why) {
        return new Notice(Kind.SWITCH, after, at, null, null, null, mode, reason, why, null, null);
    }

    /** An outage ({@code PBX_DOWN} or {@code SERVICE_DOWN}) since {@code since}, told at {@code at}. */
    public static Notice outage(Kind kind, LineSetup line, Instant at, Instant since) {
        if (kind != Kind.PBX_DOWN && kind != Kind.SERVICE_DOWN) {
            throw new IllegalArgumentException("not an outage: " + kind);
        }
        return new Notice(kind, line, at, null, null, null, null, null, null, since, null);
    }

    public static Notice test(LineSetup line, Instant at, String actor) {
        return new Notice(Kind.TEST, line, at, actor, null, null, null, null, null, null, null);
    }

    /**
     * Missed calls on one line, told together.
     *
     * @param calls oldest first
     * @param late the service learnt of them only afterwards, from the PBX's own record (the spool): it or its
     *     link to the PBX was down when they rang
     */
    public record Missed(List<MissedCallEntry> calls, boolean late) {
        public Missed {
            calls = List.copyOf(calls);
        }
    }

    /** Missed calls of the line, told at {@code at}. */
    public static Notice missed(LineSetup line, Instant at, List<MissedCallEntry> calls, boolean late) {
        return new Notice(Kind.MISSED, line, at, null, null, null, null, null, null, null, new Missed(calls, late));
    }

    public String lineId() {
        return after.line().id();
    }
}
