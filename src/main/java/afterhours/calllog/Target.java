package afterhours.calllog;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Who a dial attempt rang, as the line's dial strings tell. Stored as the lower-case word. */
public enum Target implements Words {
    OFFICE, CONTRACTOR, FAILSAFE,
    /** A dial string that is none of the line's. */
    OTHER;

    @JsonCreator
    public static Target of(String key) {
        return key == null ? null : Words.parse(Target.class, key, "target");
    }
}
