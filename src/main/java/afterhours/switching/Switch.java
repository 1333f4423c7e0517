package afterhours.switching;

import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import java.time.Instant;

/**
 * One recorded change of a line's mode.
 *
 * @param effectiveAt when the schedule says the change happened
 * @param appliedAt when the service applied it (later than {@code effectiveAt} after downtime)
 * @param from the mode before; null for the first state ever recorded for the line
 */
public record Switch(long id, String lineId, Instant effectiveAt, Instant appliedAt, Mode from, Mode to,
                     Reason reason, String detail, Trigger trigger) { }
