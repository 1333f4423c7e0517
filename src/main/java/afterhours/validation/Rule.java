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
    LOGIN_LOCKOUT,
    /**
     * Free text with a control character (a line break, an escape, a bidirectional override); params
     * {@code character} ({@code U+000A}), {@code position} (1 = the first character).
     */
    CONTROL_CHARACTER,
    /** A length outside its range; params {@code min}, {@code max}, {@code length}. */
    LENGTH,
    /** More items than allowed (a line's recipients); params {@code max}. */
    TOO_MANY,
    /** Not an http:// or https:// URL with a host and no user name or password in it; params {@code value}. */
    WEBHOOK_URL,
    /** A URL's port outside 1..65535; params {@code min}, {@code max}, {@code value}. */
    URL_PORT,
    /** A webhook's host that {@code notifications.webhookHosts} does not list; params {@code host}, {@code allowed} (a list). */
    HOST_NOT_ALLOWED,
    /** Not an e-mail address like desk@contractor.example; params {@code value}. */
    EMAIL_ADDRESS,
    /** An e-mail group or list, or an address with a display name: only one plain mailbox; params {@code value}. */
    ONE_MAILBOX,
    /** A field that only a webhook has (its secret), given for another channel; params {@code channel}. */
    WEBHOOK_ONLY,
    /**
     * {@code env:NAME} naming a variable outside the one prefix webhook secrets may come from (never the service's
     * own secrets); params {@code prefix}, {@code name}.
     */
    ENV_NOT_ALLOWED,
    /** {@code env:NAME} naming a variable the service's environment does not set; params {@code name}. */
    ENV_UNSET,
    /**
     * A secret to store while the key that encrypts stored secrets is missing (the key file was lost or moved);
     * params {@code file}.
     */
    SECRET_KEY_MISSING;

    /** The code as the API answers it: {@code out_of_range}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
