package afterhours.switching;

import afterhours.schedule.Detail;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import java.time.Instant;

/**
 * One recorded change of a line's mode.
 *
 * @param effectiveAt when the schedule says the change happened
 * @param appliedAt when the service applied it (later than {@code effectiveAt} after downtime)
 * @param from the mode before; null for the first state ever recorded for the line
 * @param detail the plain English detail
 * @param why the same as facts each face words in its reader's language; null for switches recorded before
 *            the service kept it
 */
public record Switch(long id, String lineId, Instant effectiveAt, Instant appliedAt, Mode from, Mode to,
                     Reason reason, String detail, Trigger trigger, Detail why) {

    /** A switch whose reason is known only as its English detail. */
    public Switch(long id, String lineId, Instant effectiveAt, Instant appliedAt, Mode from, Mode to, Reason reason,
                  String detail, Trigger trigger) {
        this(id, lineId, effectiveAt, appliedAt, from, to, reason, detail, trigger, null);
    }
}
