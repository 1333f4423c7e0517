package afterhours.schedule;

import java.time.Instant;

/**
 * The state of a line at an instant. {@code since} and {@code nextChange} refer to the mode (what a
 * caller experiences): the mode is the same on {@code [since, nextChange)} and differs at
 * {@code nextChange}. Either is null when no change lies within the schedule's horizon. {@code why} is the
 * rule that holds at {@code at}; while an override holds, {@code why.until()} is when it stops applying, which
 * is before {@code nextChange} when the schedule then keeps the same mode.
 */
public record LineState(Instant at, Mode mode, Reason reason, Detail why, Instant since, Instant nextChange) {

    public Mode nextMode() {
        return mode.opposite();
    }

    /** The plain English detail ("Closed all day", "Forced OPEN by anna"), as the API and the logs carry it. */
    public String detail() {
        return why.english(mode);
    }
}
