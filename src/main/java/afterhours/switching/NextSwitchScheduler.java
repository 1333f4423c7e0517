package afterhours.switching;

import java.time.Instant;

/** Arranges for a line to be reconciled at its next change. */
public interface NextSwitchScheduler {

    /** Replaces the line's pending trigger; a null instant removes it (no change in sight). */
    void scheduleAt(String lineId, Instant at);
}
