package afterhours.schedule;

/** What a caller on the line experiences. */
public enum Mode {
    /** Calls ring the office. */
    OPEN,
    /** Calls ring the security contractor. */
    FORWARDED;

    public Mode opposite() {
        return this == OPEN ? FORWARDED : OPEN;
    }
}
