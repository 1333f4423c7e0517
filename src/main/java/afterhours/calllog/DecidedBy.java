package afterhours.calllog;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The dialplan layer that chose a call's route. Stored as the lower-case word ({@code agi}). */
public enum DecidedBy implements Words {
    /** The dialplan routed by the complete state the service pushed, before asking anyone (native routing). */
    NATIVE,
    /** The service answered the FastAGI request. */
    AGI,
    /** FastAGI failed (agi routing): the dialplan used the state pushed into AstDB. */
    ASTDB,
    /** The pushed state was stale or missing: the failsafe dial string. */
    FAILSAFE;

    @JsonCreator
    public static DecidedBy of(String key) {
        return key == null ? null : Words.parse(DecidedBy.class, key, "decidedBy");
    }
}
