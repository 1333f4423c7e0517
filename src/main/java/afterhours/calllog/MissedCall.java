package afterhours.calllog;

import java.util.Optional;
import java.util.Set;

/**
 * What counts as a missed call, the one definition the call-back list, the notices, the statistics and the
 * metrics share. A complete call that nobody answered is missed when
 * <ul>
 * <li>every dial attempt ended without reaching anyone: no answer, busy, unavailable, congestion (or any
 * other failure Asterisk reports): {@link Why#NOBODY_REACHED}, whatever the ring time; or</li>
 * <li>the caller hung up while a target was still ringing (Asterisk's {@code CANCEL}), after ringing at
 * least the line's {@code missedAfterSeconds}: {@link Why#CALLER_GAVE_UP}. A caller who hangs up sooner
 * (dialled by mistake, changed their mind) is not a missed call.</li>
 * </ul>
 * A call no target was dialled for (the caller left before the first ring) is not missed, and neither is a
 * call whose end is unknown (the service stopped while it lasted): the PBX's spool completes those later,
 * and they are judged then. Calls taken from the spool are judged the same way.
 */
public final class MissedCall {
    /** The statuses with which a Dial ends when the caller gave up (Asterisk: CANCEL) or is still ringing (null). */
    private static final Set<String> CALLER_LEFT = Set.of("CANCEL");

    /** Why a call counts as missed; stored and served as {@code nobody-reached} or {@code caller-gave-up}. */
    public enum Why {
        /** Every target was tried and none answered: the call ended without a person. */
        NOBODY_REACHED,
        /** The caller hung up while it rang, after ringing at least the line's {@code missedAfterSeconds}. */
        CALLER_GAVE_UP;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** The reason for its stored word. */
        public static Why of(String key) {
            for (Why w : values()) {
                if (w.key().equals(key)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("not a reason a call was missed: " + key);
        }
    }

    private MissedCall() {
    }

    /**
     * Whether {@code call} is missed on a line whose callers count as having given up after
     * {@code missedAfterSeconds} of ringing, and why; empty when it is not.
     */
    public static Optional<Why> of(CallRecord call, int missedAfterSeconds) {
        if (call.status() != CallStatus.COMPLETE || call.answered() || call.attempts().isEmpty()
                || call.attempts().stream().anyMatch(Attempt::answered)) {
            return Optional.empty();
        }
        boolean callerLeftWhileRinging = call.attempts().stream()
                .anyMatch(a -> a.status() == null || a.status().isBlank() || CALLER_LEFT.contains(a.status()));
        if (!callerLeftWhileRinging) {
            return Optional.of(Why.NOBODY_REACHED);
        }
        double rang = call.ringSeconds() == null ? 0 : call.ringSeconds();
        return rang >= missedAfterSeconds ? Optional.of(Why.CALLER_GAVE_UP) : Optional.empty();
    }
}
