package afterhours.validation;

import java.util.Locale;

/**
 * The rule a refused value broke: a stable code that the API answers ({@code "code": "range_reversed"}) and
 * every face renders in its reader's language from the refusal's parameters. A code never changes its
 * meaning once shipped; a new rule gets a new code.
 */
public enum Rule {
    /** The value is missing or blank. */
    REQUIRED,
    /** Not a whole number; params {@code min}, {@code max}, {@code value}. */
    WHOLE_NUMBER,
    /** A number outside its range; params {@code min}, {@code max}, {@code value}. */
    OUT_OF_RANGE,
    /** Longer than allowed; params {@code max}, {@code length}. */
    TOO_LONG,
    /** A date or instant outside the years the service takes; params {@code first}, {@code last}, {@code value}. */
    YEAR_RANGE,
    /** A word that is not one of the allowed ones; params {@code allowed} (a list), {@code value}. */
    ONE_OF,
    /** A value of the wrong shape or kind that no more specific rule describes; the message says what was expected. */
    INVALID,
    /**
     * Too many failed logins, tokens or setup codes from the caller's address: each try waits a little longer;
     * params {@code seconds} (until the next try), {@code free} (failures before the waits begin).
     */
    LOGIN_BACKOFF,
    /**
     * The caller's address failed {@code failures} times within {@code minutes} minutes and is refused until the
     * oldest of them is that old; params {@code seconds} (until the next try), {@code failures}, {@code minutes}.
     */
    LOGIN_LOCKOUT;

    /** The code as the API answers it: {@code out_of_range}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
