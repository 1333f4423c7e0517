package afterhours.calllog;

import java.time.Instant;

/**
 * One missed call on the call-back list: the call as logged, why it counts as missed, how the service
 * learnt of it, whether it has been told, and its follow-up.
 *
 * @param source live (seen as it happened), spool (collected from the PBX's own record afterwards: the
 *     service or its link to the PBX was down) or backfill (logged before missed calls were kept)
 * @param recordedAt when the service stored it as missed
 * @param toldAt when its notices were written; null while it waits for the next round
 * @param callBack null while nobody has followed it up
 * @param answeredLaterAt the start of the first later call from the same number on the same line that someone
 *     answered; null when there is none (or the number was withheld)
 */
public record MissedCallEntry(CallRecord call, MissedCall.Why why, Source source, Instant recordedAt, Instant toldAt,
                              CallBack callBack, Instant answeredLaterAt) {

    /** How the service learnt of a missed call. */
    public enum Source {
        LIVE, SPOOL, BACKFILL;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Source of(String key) {
            return valueOf(key.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Where it stands on the list. */
    public enum State {
        /** Nobody has followed it up and the caller has not got through since. */
        WAITING,
        /** Its caller was called back. */
        CALLED_BACK,
        /** Marked as needing no call-back. */
        NO_NEED,
        /** The same number called again and someone answered. */
        ANSWERED_LATER,
        /** The number was withheld: it cannot be called back. */
        WITHHELD;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public String linkedId() {
        return call.linkedId();
    }

    /** A mark wins; then a later answered call; a withheld number cannot wait for a call-back. */
    public State state() {
        if (callBack != null) {
            return callBack.outcome() == CallBack.Outcome.CALLED_BACK ? State.CALLED_BACK : State.NO_NEED;
        }
        if (answeredLaterAt != null) {
            return State.ANSWERED_LATER;
        }
        return call.callerNumber() == null ? State.WITHHELD : State.WAITING;
    }
}
