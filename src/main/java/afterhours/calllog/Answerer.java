package afterhours.calllog;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Who answered a call. Stored as the lower-case word ({@code nobody}). */
public enum Answerer implements Words {
    OFFICE, CONTRACTOR, OTHER, NOBODY;

    @JsonCreator
    public static Answerer of(String key) {
        return key == null ? null : Words.parse(Answerer.class, key, "answeredBy");
    }

    /** The failsafe and the contractor are both the contractor's desk. */
    static Answerer of(Target target) {
        return switch (target) {
            case OFFICE -> OFFICE;
            case OTHER -> OTHER;
            case CONTRACTOR, FAILSAFE -> CONTRACTOR;
        };
    }
}
