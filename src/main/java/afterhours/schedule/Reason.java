package afterhours.schedule;

/** Why a line is in its mode at an instant, most specific rule first in {@link Schedule}'s precedence. */
public enum Reason {
    REGULAR_HOURS,
    OUTSIDE_HOURS,
    HOLIDAY,
    EXCEPTION,
    OVERRIDE
}
