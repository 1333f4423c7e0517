package afterhours.admin;

import java.util.Locale;

/**
 * The kinds of failure the API answers besides a refused field ({@code "error": "invalid"} with the field's
 * rule): each is both the body's {@code error} and its {@code code} ({@code {"error":"csrf","code":"csrf",...}}),
 * so the page renders every answer from one list of words ({@code err.CODE} in {@code i18n.js}).
 */
enum Failure {
    /** 401: no login, or a wrong password or token. */
    UNAUTHORIZED,
    /** 403: the user's role may not do this. */
    FORBIDDEN,
    /** 403: a change from the page without the session's CSRF token. */
    CSRF,
    /** 403: a wrong, used or expired setup code. */
    SETUP_CODE,
    /** 409: the first admin exists already. */
    SETUP_DONE,
    /** 404: no such line, exception, recipient or path. */
    NOT_FOUND,
    /** 405: the method is not allowed on this path. */
    METHOD_NOT_ALLOWED,
    /** 408: the body took too long to arrive. */
    TOO_SLOW,
    /** 413, 414, 431: the body, the address or the headers are larger than the limit. */
    TOO_LARGE,
    /** 415: the body is not application/json. */
    UNSUPPORTED_MEDIA_TYPE,
    /** 400: the request's address or headers could not be read (not valid HTTP). */
    BAD_REQUEST,
    /** 400: the body is not valid JSON. */
    INVALID_JSON,
    /** 429: too many failed logins from this address or for this account. */
    TOO_MANY_FAILURES,
    /** 503: the database did not complete the request; nothing was changed. */
    UNAVAILABLE,
    /** 500: the request failed on the server (see the service log). */
    INTERNAL;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
