package afterhours.calllog;

import afterhours.schedule.Mode;
import java.time.Instant;

/**
 * Which calls to list: every field is optional (null = any). Time is {@code [from, to)} on the start.
 *
 * @param answered true: answered by someone; false: nobody answered
 * @param caller a caller number, matched exactly
 */
public record CallFilter(String lineId, Instant from, Instant to, Mode mode, CallRoute route, Boolean answered,
                         String caller) {

    public static CallFilter all() {
        return new CallFilter(null, null, null, null, null, null, null);
    }
}
