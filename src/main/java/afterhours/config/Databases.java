package afterhours.config;

import afterhours.audit.AuditLog;
import afterhours.line.LineRepository;
import afterhours.store.Database;
import java.time.Instant;

/** The configured database, opened the way a command needs it. */
public final class Databases {
    private Databases() {
    }

    /** For the service and the commands that change things: created if missing, migrated to this build. */
    public static Database open(AppConfig config) {
        return config.databaseUrl() != null ? Database.openUrl(config.databaseUrl()) : Database.open(config.database());
    }

    /** As {@link #open}, then the configured lines the database does not have yet are added. */
    public static Database openSeeded(AppConfig config, Instant now) {
        Database db = open(config);
        try {
            ConfigSeeder.seed(db, new LineRepository(db), new AuditLog(db), config, now);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** For the commands that only read: nothing is created, migrated, seeded or written. */
    public static Database openReadOnly(AppConfig config) {
        return config.databaseUrl() != null ? Database.openUrlReadOnly(config.databaseUrl())
                : Database.openReadOnly(config.database());
    }
}
