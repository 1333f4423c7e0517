package afterhours.store;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forward-only schema migrations by Flyway: {@code db/sqlite/V<n>__<name>.sql} or {@code db/postgresql/...},
 * each applied in its own transaction and recorded in Flyway's history table (on PostgreSQL Flyway also
 * locks, so two instances starting at once migrate once). A database made by release 0.1, which kept its
 * own {@code schema_version} table, is taken over at the version it records. A database newer than this
 * build is refused rather than guessed at; a SQLite file is copied to {@code backups/} before an upgrade.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** The newest schema version this build knows: the last script in each dialect's folder (a test checks). */
    static final int LATEST = 13;

    static int latest() {
        return LATEST;
    }

    /** Brings the schema up to date; returns how many migrations ran. */
    static int apply(Database db) {
        int current = db.read("reading the schema version", SchemaVersion::of);
        int legacy = db.read("reading the schema version", c -> SchemaVersion.exists(c, SchemaVersion.HISTORY)
                ? 0 : SchemaVersion.legacy(c));
        if (current > LATEST) {
            throw new StoreException("database " + db.describe() + " has schema version " + current
                    + " but this build knows only up to " + LATEST + "; use a newer Afterhours", null);
        }
        if (current > 0 && current < LATEST && db.dialect() == Dialect.SQLITE) {
            // an upgrade: keep a consistent copy of the database as it was, before changing its schema
            Path copy = db.file().toAbsolutePath().resolveSibling("backups")
                    .resolve(db.file().getFileName() + ".v" + current + "-" + System.currentTimeMillis() + ".db");
            Backup.to(db, copy);
            log.info("Database {}: schema {} -> {}; a copy of the old one is in {}", db.file(), current, LATEST, copy);
        }
        FluentConfiguration config = configure(db.dialect()).dataSource(db.writers());
        if (legacy > 0) {
            // release 0.1's own history: Flyway starts from the version it records, nothing is run twice
            config.baselineOnMigrate(true).baselineVersion(Integer.toString(legacy))
                    .baselineDescription("schema_version " + legacy + " (release 0.1)");
        }
        MigrateResult result;
        try {
            result = config.load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("migrating database " + db.describe() + " failed: " + e.getMessage(), e);
        }
        return result.migrationsExecuted;
    }

    private static FluentConfiguration configure(Dialect dialect) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .locations(dialect.migrations())
                .validateMigrationNaming(true)
                // versions are reserved per change, so a lower one may land after a higher one was applied
                .outOfOrder(true)
                .loggers("slf4j");
    }
}
