package afterhours.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Consistent copies of the live SQLite file ({@code VACUUM INTO}: a transaction-consistent snapshot while
 * the service keeps writing) and a restore that checks the copy before it replaces anything.
 */
public final class Backup {
    private Backup() {
    }

    /** Writes a consistent copy of the database to {@code target} (which must not exist yet). */
    public static void to(Database db, Path target) {
        if (db.dialect() != Dialect.SQLITE) {
            throw new StoreException("backup copies the SQLite file; for PostgreSQL use pg_dump", null);
        }
        if (Files.exists(target)) {
            throw new StoreException("backup target " + target + " exists already; choose a new file", null);
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of " + target + ": " + e.getMessage(), e);
        }
        db.read("backing up to " + target, c -> {
            try (PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, target.toAbsolutePath().toString());
                ps.execute();
            }
            return null;
        });
    }

    /**
     * Checks a backup: a SQLite file that passes {@code integrity_check} and has a schema this build knows.
     * Returns its schema version.
     */
    public static int check(Path backup) {
        if (!Files.isRegularFile(backup)) {
            throw new StoreException(backup + ": no such backup file", null);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + backup.toAbsolutePath() + "?mode=ro");
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                if (!"ok".equals(rs.getString(1))) {
                    throw new StoreException(backup + ": damaged (" + rs.getString(1) + ")", null);
                }
            }
            int version = SchemaVersion.of(c);
            if (version < 1 || version > Migrations.latest()) {
                throw new StoreException(backup + ": schema version " + version + " is not one this build can use (1.."
                        + Migrations.latest() + ")", null);
            }
            return version;
        } catch (SQLException e) {
            throw new StoreException(backup + ": not an Afterhours database (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Replaces the database file with a checked backup; the service must be stopped. The file replaced
     * is kept beside it as {@code NAME.before-restore}. Newer migrations are applied on the next start.
     */
    public static void restore(Path backup, Path database) {
        check(backup);
        try {
            Path parent = database.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path staged = parent.resolve(database.getFileName() + ".restoring");
            Files.copy(backup, staged, StandardCopyOption.REPLACE_EXISTING);
            if (Files.exists(database)) {
                Files.move(database, parent.resolve(database.getFileName() + ".before-restore"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Files.deleteIfExists(parent.resolve(database.getFileName() + suffix));
            }
            Files.move(staged, database, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("restoring " + backup + " to " + database + " failed: " + e.getMessage(), e);
        }
    }
}
