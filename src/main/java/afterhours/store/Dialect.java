package afterhours.store;

/** The database behind the store: SQLite (one instance, the default) or PostgreSQL (shared by instances). */
public enum Dialect {
    SQLITE("db/"),
    POSTGRES("db/postgres/");

    private final String scripts;

    Dialect(String scripts) {
        this.scripts = scripts;
    }

    /** Where this dialect's migration scripts are on the class path. */
    String scripts() {
        return scripts;
    }
}
