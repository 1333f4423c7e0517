package afterhours.calllog;

/** Where a call's record stands. Stored as the upper-case name. */
public enum CallStatus {
    IN_PROGRESS, COMPLETE,
    /** The service stopped, or the PBX went silent, before the call ended. */
    END_UNKNOWN
}
