package afterhours.admin;

import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.util.Map;

/**
 * An error answered with an HTTP status as
 * {@code {"error": kind, "field": field, "code": code, "params": {...}, "message": message}}: {@code error} is the
 * kind of failure ({@code invalid}, {@code confirmation_needed}, {@code not_found}, ...), {@code code} the
 * stable code the page renders in the reader's language: the {@link Rule} a refused field broke, or the
 * {@link Failure} itself. {@code message} is the English sentence for scripts and logs.
 */
public final class ApiError extends RuntimeException {
    static final String INVALID = "invalid";
    static final String CONFIRMATION_NEEDED = "confirmation_needed";

    private final int status;
    private final String kind;
    private final String field;
    private final String code;
    private final Map<String, Object> params;

    ApiError(int status, Failure failure, String field, String message) {
        this(status, failure.code(), field, failure.code(), Map.of(), message);
    }

    private ApiError(int status, String kind, String field, String code, Map<String, Object> params, String message) {
        super(message);
        this.status = status;
        this.kind = kind;
        this.field = field;
        this.code = code;
        this.params = params;
    }

    /** A refused field: 400 with its rule and parameters. */
    public static ApiError invalid(InvalidField e) {
        return new ApiError(400, INVALID, e.field(), e.rule().code(), e.params(), e.problem());
    }

    /**
     * A change that needs the caller's explicit yes ({@code "confirm": true} in the body), because of what it
     * would do: 409 with the rule that asks and the effect in its parameters.
     */
    static ApiError confirmationNeeded(InvalidField e) {
        return new ApiError(409, CONFIRMATION_NEEDED, e.field(), e.rule().code(), e.params(), e.problem());
    }

    /** A limit reached (429): {@code rule} names which, so the answer says it in the reader's language. */
    public static ApiError tooMany(Rule rule, Map<String, Object> params, String message) {
        return new ApiError(429, Failure.TOO_MANY_FAILURES.code(), null, rule.code(), params, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, Failure.NOT_FOUND, null, message);
    }

    public int status() {
        return status;
    }

    /** The kind of failure: {@code invalid}, {@code not_found}, {@code unauthorized}, ... */
    public String kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    /** The code the page renders: the rule a refused field broke, or the failure's own. */
    public String code() {
        return code;
    }

    public Map<String, Object> params() {
        return params;
    }
}
