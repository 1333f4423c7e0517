package afterhours.validation;

import java.util.List;
import java.util.Locale;

/**
 * The rule a refused value broke: a stable code that the API answers ({@code "code": "range_reversed"}) and
 * every face renders in its reader's language from the refusal's parameters (the page's words are
 * {@code err.CODE} in {@code i18n.js}). A code never changes its meaning once shipped; a new rule gets a new
 * code. Parameters hold raw values: numbers as numbers, times of day as {@code 15:00}, dates as
 * {@code 2026-12-24}, instants as ISO-8601 with the line's offset, lists as lists; {@code value} is what was
 * given, as given.
 */
public enum Rule {
    // the shape of the input
    /** The value is missing or blank. */
    REQUIRED,
    /** Required together with another key that was given; params {@code other} (that key). */
    REQUIRED_WITH("other"),
    /** A key this place does not take; params {@code key}, {@code known} (the keys it takes, a list). */
    UNKNOWN_KEY("key", "known"),
    /** A key given twice in one object; params {@code key}. */
    DUPLICATE_KEY("key"),
    /** Text (a string) was expected here, not a list or an object. */
    EXPECTED_TEXT,
    /** A list was expected here. */
    EXPECTED_LIST,
    /** An object (a mapping of keys) was expected here. */
    EXPECTED_OBJECT,
    /** The YAML file is not valid YAML; params {@code line} (the line of the file, 0 when unknown). */
    YAML_SYNTAX("line"),

    // numbers, words and lengths
    /** Not a whole number; params {@code min}, {@code max}, {@code value}. */
    WHOLE_NUMBER("min", "max", "value"),
    /** A number outside its range; params {@code min}, {@code max}, {@code value}. */
    OUT_OF_RANGE("min", "max", "value"),
    /** A number below another key's value; params {@code other} (that key), {@code min} (its value), {@code value}. */
    AT_LEAST("other", "min", "value"),
    /** A word that is not one of the allowed ones; params {@code allowed} (a list), {@code value}. */
    ONE_OF("allowed", "value"),
    /** Longer than allowed; params {@code max}, {@code length}. */
    TOO_LONG("max", "length"),
    /** Shorter than allowed; params {@code min}, {@code length}. */
    TOO_SHORT("min", "length"),
    /** A list that is full; params {@code max}. */
    TOO_MANY("max"),

    // dates, times and ranges
    /** Not a date {@code yyyy-mm-dd} (or no such date, like 2026-02-30); params {@code value}. */
    DATE_FORMAT("value"),
    /** Not a date and time ({@code 2026-12-24 08:00}, or with an offset); params {@code value}. */
    INSTANT_FORMAT("value"),
    /** A local time that the clocks skip in this zone (spring forward); params {@code value}, {@code zone}. */
    IN_DST_GAP("value", "zone"),
    /** An end further ahead than allowed; params {@code maxDays}, {@code value} (an instant in the line's zone). */
    TOO_FAR("maxDays", "value"),
    /** A date or instant outside the years the service takes; params {@code first}, {@code last}, {@code value}. */
    YEAR_RANGE("first", "last", "value"),
    /**
     * A time outside the period it must lie in (a call-back between the call's end and now); params {@code from},
     * {@code to} (instants in the line's zone), {@code value}.
     */
    OUTSIDE_PERIOD("from", "to", "value"),
    /** An end that is already past; params {@code value}, {@code now} (dates, or instants in the line's zone). */
    IN_PAST("value", "now"),
    /** Not a range {@code HH:MM-HH:MM}; params {@code value}. */
    RANGE_FORMAT("value"),
    /** A time of day that does not exist ({@code 25:00}, {@code 10:61}); params {@code value}. */
    TIME_OF_DAY("value"),
    /** {@code 24:00} given as a start (it may only end a range); params {@code value}. */
    MIDNIGHT_AS_START("value"),
    /** A range that starts where it ends; params {@code value}. */
    RANGE_EMPTY("value"),
    /**
     * Two ranges of the week overlap (ranges crossing midnight count on the next day); params {@code day},
     * {@code range}, {@code otherDay}, {@code other}.
     */
    OVERLAP("day", "range", "otherDay", "other"),
    /** Two ranges of one exception overlap; params {@code range}, {@code other}. */
    HOURS_OVERLAP("range", "other"),
    /** An exception's days overlap another exception's; params {@code from}, {@code to}, {@code otherFrom}, {@code otherTo}. */
    EXCEPTION_OVERLAP("from", "to", "otherFrom", "otherTo"),
    /** A date range that ends before it starts; params {@code from}, {@code to}. */
    DATES_REVERSED("from", "to"),
    /** This key or {@code other}, not both (a password, or one generated); params {@code other}. */
    NOT_BOTH("other"),
    /** An exception needs {@code date}, or {@code from} and {@code to}, not both. */
    EXCEPTION_DATES,
    /** An exception is either {@code closed: true} or has {@code hours}. */
    CLOSED_OR_HOURS,

    // a line
    /** Not a line id (a slug of a-z, 0-9 and '-', 1-63 characters); params {@code value}. */
    LINE_ID("value"),
    /** A line id used by another line; params {@code value}. */
    LINE_ID_TAKEN("value"),
    /** Not a phone number (2-20 digits, an optional leading +); params {@code value}. */
    PHONE_NUMBER("value"),
    /** A number listed twice; params {@code value}. */
    NUMBER_TWICE("value"),
    /** A number that belongs to another line; params {@code value}, {@code line} (that line's id). */
    NUMBER_TAKEN("value", "line"),
    /** Not a dial string {@code TECH/resource} (no comma, &amp;, |, (, $, ; or space); params {@code value}. */
    DIAL_STRING("value"),
    /** Not a caller-ID prefix (at most 16 letters, digits, spaces and {@code : . _ - / #}); params {@code value}. */
    CALLER_ID_PREFIX("value"),
    /** Not a time zone (a region like Europe/Stockholm); params {@code value}. */
    ZONE("value"),
    /** No holiday calendar of that code (an ISO 3166 country code like se); params {@code value}. */
    HOLIDAY_CALENDAR("value"),
    /** Not a holiday of the calendar; params {@code value}, {@code calendar}, {@code known} (a list). */
    HOLIDAY_UNKNOWN("value", "calendar", "known"),

    // confirmations: answered 409 ("error": "confirmation_needed"), the request goes through with "confirm": true
    /**
     * A range whose end is at or before its start, so it runs into the next day; params {@code from}, {@code to}
     * (times of day), {@code minutes} (its length), {@code nextDay} (true), {@code ranges} (every such range of
     * the request: {@code field}, {@code from}, {@code to}, {@code nextDay}, {@code minutes}).
     */
    RANGE_REVERSED("from", "to", "minutes", "nextDay", "ranges"),
    /**
     * An OPEN override that keeps the line open outside its opening hours for more than an hour; params the
     * override's effect: {@code mode}, {@code until}, {@code untilNextChange}, {@code end}, {@code minutes},
     * {@code openOutsideHoursMinutes}, {@code forwardedDuringHoursMinutes}, {@code night}, {@code then},
     * {@code confirmationNeeded} (see the README).
     */
    OPEN_OUTSIDE_HOURS("mode", "until", "untilNextChange", "end", "minutes", "openOutsideHoursMinutes",
            "forwardedDuringHoursMinutes", "night", "then", "confirmationNeeded"),

    // logins
    /**
     * Too many failed logins, tokens or setup codes from the caller's address: each try waits a little longer;
     * params {@code seconds} (until the next try), {@code free} (failures before the waits begin).
     */
    LOGIN_BACKOFF("seconds", "free"),
    /**
     * The caller's address failed {@code failures} times within {@code minutes} minutes and is refused until the
     * oldest of them is that old; params {@code seconds} (until the next try), {@code failures}, {@code minutes}.
     */
    LOGIN_LOCKOUT("seconds", "failures", "minutes"),

    // users, recipients and the rest
    /** Not a user name (1-64 letters, digits and {@code . _ @ -}); params {@code value}. */
    USER_NAME("value"),
    /** A password longer than bcrypt reads (it would be cut without a word); params {@code max}, {@code bytes} (in UTF-8). */
    PASSWORD_BYTES("max", "bytes"),
    /** A user of that name exists already (change its role or password instead); params {@code value}. */
    USER_TAKEN("value"),
    /** The change would leave no admin (the last admin is never removed or demoted); params {@code value} (the user). */
    LAST_ADMIN("value"),
    /** An admin removing or demoting their own account (another admin must do it); params {@code value} (the user). */
    OWN_ACCOUNT("value"),
    /** Not one e-mail address; params {@code value}. */
    EMAIL_ADDRESS("value"),
    /** Not an http(s) URL with a host and no user; params {@code value}. */
    WEBHOOK_URL("value"),
    /** {@code env:} not followed by an environment variable's name (A-Z, 0-9, _); params {@code value}. */
    ENV_NAME("value"),
    /** A secret given for a recipient that takes none (only a webhook has one). */
    SECRET_NOT_ALLOWED,
    /** E-mail needs a mail server, and none is configured; params {@code keys} (the configuration keys to set). */
    SMTP_MISSING("keys"),
    /**
     * {@code env:NAME} naming a variable outside the one prefix webhook secrets may come from (never the service's
     * own secrets); params {@code prefix}, {@code name}.
     */
    ENV_NOT_ALLOWED("prefix", "name"),
    /** {@code env:NAME} naming a variable the service's environment does not set; params {@code name}. */
    ENV_UNSET("name"),
    /**
     * A secret to store while the key that encrypts stored secrets is missing (the key file was lost or moved);
     * params {@code file}.
     */
    SECRET_KEY_MISSING("file"),
    /** A length outside its range (a webhook's secret); params {@code min}, {@code max}, {@code length}. */
    LENGTH("min", "max", "length"),
    /**
     * Free text with a control character (a line break, a tab, an escape, a bidirectional override); params
     * {@code character} ({@code U+000A}), {@code position} (1 = the first character).
     */
    CONTROL_CHARACTER("character", "position"),
    /** A URL's port outside 1..65535; params {@code min}, {@code max}, {@code value}. */
    URL_PORT("min", "max", "value"),
    /** A webhook's host that {@code notifications.webhookHosts} does not list; params {@code host}, {@code allowed} (a list). */
    HOST_NOT_ALLOWED("host", "allowed"),
    /** An e-mail group or list, or an address with a display name: only one plain mailbox; params {@code value}. */
    ONE_MAILBOX("value"),
    /** Not an entry of an allow-list of hosts (a host name, an IP address or {@code *.domain}); params {@code value}. */
    HOST_PATTERN("value"),
    /** Not a cursor of a previous page. */
    CURSOR,
    /** Not an IP address; params {@code value}. */
    IP_ADDRESS("value"),
    /** Not a {@code jdbc:postgresql://HOST:PORT/DATABASE} URL; params {@code value}. */
    DATABASE_URL("value"),
    /** No such file; params {@code file}. */
    FILE_MISSING("file"),
    /** A file that could not be read; params {@code file}. */
    FILE_UNREADABLE("file"),
    /** A file larger than it may be; params {@code file}, {@code max} (bytes). */
    FILE_TOO_LARGE("file", "max"),
    /** A file that holds no PEM certificate; params {@code file}. */
    PEM_CERTIFICATES("file");

    private final List<String> params;

    Rule(String... params) {
        this.params = List.of(params);
    }

    /** The code as the API answers it: {@code out_of_range}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The names of the parameters a refusal of this rule carries. */
    public List<String> params() {
        return params;
    }
}
