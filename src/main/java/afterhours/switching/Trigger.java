package afterhours.switching;

/** What made the service apply a line's state. */
public enum Trigger {
    /** The Quartz trigger at a scheduled change. */
    SCHEDULE,
    /** An admin set or cleared a manual override. */
    OVERRIDE,
    /** An admin edited hours, exceptions or settings. */
    EDIT,
    /** The service started (and may have been down across a change). */
    STARTUP,
    /** The periodic check found the line in the wrong mode (a missed trigger, a clock jump). */
    WATCHDOG
}
