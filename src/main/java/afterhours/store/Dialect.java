package afterhours.store;

/** The two databases the store runs on; each has its own folder of migration scripts. */
public enum Dialect {
    SQLITE("db/sqlite"),
    POSTGRES("db/postgresql");

    private final String scripts;

    Dialect(String scripts) {
        this.scripts = scripts;
    }

    /** Flyway's location of this dialect's scripts. */
    String migrations() {
        return "classpath:" + scripts;
    }
}
