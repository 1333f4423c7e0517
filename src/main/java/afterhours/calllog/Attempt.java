package afterhours.calllog;

import java.time.Instant;

/**
 * One Dial of a destination during a call.
 *
 * @param target office, contractor or failsafe ({@code other} when the dial string is none of the line's)
 * @param status Asterisk's DIALSTATUS: ANSWER, NOANSWER, BUSY, CANCEL, CHANUNAVAIL, CONGESTION; null while ringing
 */
public record Attempt(String target, String dialString, String status, Instant began, Instant ended) {

    public boolean answered() {
        return "ANSWER".equals(status);
    }

    Attempt end(String dialStatus, Instant at) {
        return new Attempt(target, dialString, dialStatus, began, at);
    }
}
