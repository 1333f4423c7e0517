package afterhours.schedule;

import java.time.Instant;

/**
 * A manual "open now" / "forward now" from {@code start}, until {@code until} or, when {@code until} is
 * null, until the schedule next changes to the other mode (see {@link Schedule#overrideEnd}).
 */
public record ManualOverride(Mode mode, Instant start, Instant until, String setBy, String note) {

    public ManualOverride {
        if (mode == null || start == null) {
            throw new IllegalArgumentException("an override needs a mode and a start");
        }
        if (until != null && !until.isAfter(start)) {
            throw new IllegalArgumentException("override ends " + until + " at or before its start " + start);
        }
        note = note == null || note.isBlank() ? null : note.strip();
    }

    public boolean untilNextChange() {
        return until == null;
    }
}
