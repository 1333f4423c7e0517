package afterhours.admin;

import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.util.Map;

/**
 * An error answered with an HTTP status as
 * {@code {"error": kind, "field": field, "code": rule, "params": {...}, "message": message}}: {@code error} is the
 * kind of failure ({@code invalid}, {@code not_found}, ...), {@code code} and {@code params} the rule a refused
 * field broke, so the page can say it in the reader's language at the field.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String kind;
    private final String field;
    private final Rule rule;
    private final Map<String, Object> params;

    public ApiError(int status, String kind, String field, String message) {
        this(status, kind, field, null, Map.of(), message);
    }

    private ApiError(int status, String kind, String field, Rule rule, Map<String, Object> params, String message) {
        super(message);
        this.status = status;
        this.kind = kind;
        this.field = field;
        this.rule = rule;
        this.params = params;
    }

    /** A refused field: 400 with its rule and parameters. */
    public static ApiError invalid(InvalidField e) {
        return new ApiError(400, "invalid", e.field(), e.rule(), e.params(), e.problem());
    }

    public static ApiError invalid(String field, String message) {
        return invalid(new InvalidField(field, message));
    }

    /** A limit reached (429): {@code rule} names which, so the answer says it in the reader's language. */
    public static ApiError tooMany(Rule rule, Map<String, Object> params, String message) {
        return new ApiError(429, "too_many_failures", null, rule, params, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", null, null, Map.of(), message);
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

    /** The rule a refused field broke, or null when no field was refused. */
    public Rule rule() {
        return rule;
    }

    public Map<String, Object> params() {
        return params;
    }
}
