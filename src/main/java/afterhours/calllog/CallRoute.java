package afterhours.calllog;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The route a call took. Stored, printed and served as the lower-case word ({@code overflow}). */
public enum CallRoute implements Words {
    /** The office answered or was rung alone. */
    OFFICE,
    /** Forwarded: the contractor was rung. */
    CONTRACTOR,
    /** Open, but the office did not answer: the contractor was rung next. */
    OVERFLOW,
    /** The dialplan could trust nothing and rang the failsafe. */
    FAILSAFE;

    /** The route for its stored word; null for null. */
    @JsonCreator
    public static CallRoute of(String key) {
        return key == null ? null : Words.parse(CallRoute.class, key, "route");
    }
}
