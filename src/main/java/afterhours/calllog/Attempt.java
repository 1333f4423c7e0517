package afterhours.calllog;

import java.time.Instant;

/**
 * One Dial of a destination during a call.
 *
 * @param status Asterisk's DIALSTATUS: ANSWER, NOANSWER, BUSY, CANCEL, CHANUNAVAIL, CONGESTION; null while ringing
 */
public record Attempt(Target target, String dialString, String status, Instant began, Instant ended) {

    public boolean answered() {
        return "ANSWER".equals(status);
    }
}
