package afterhours.schedule;

import java.time.Instant;

/**
 * The state of a line at an instant. {@code since} and {@code nextChange} refer to the mode (what a
 * caller experiences): the mode is the same on {@code [since, nextChange)} and differs at
 * {@code nextChange}. Either is null when no change lies within the schedule's horizon.
 */
public record LineState(Instant at, Mode mode, Reason reason, String detail, Instant since, Instant nextChange) {

    public Mode nextMode() {
        return mode.opposite();
    }
}
