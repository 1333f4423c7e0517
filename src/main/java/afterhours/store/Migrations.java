package afterhours.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Forward-only schema migrations: {@code db/V<n>__<name>.sql} resources, applied in order, each in its
 * own transaction together with its row in {@code schema_version}. A database newer than this build is
 * refused rather than guessed at.
 */
final class Migrations {
    /** In order; append, never edit or remove an applied one. */
    private static final List<String> SCRIPTS = List.of(
            "V1__lines_schedules_switches.sql",
            "V2__call_log.sql",
            "V3__admin_users.sql",
            "V4__switch_once.sql",
            "V5__quartz_cluster.sql");

    private Migrations() {
    }

    static int latest() {
        return SCRIPTS.size();
    }

    static int apply(Database db) {
        int current = db.write("reading the schema version", Migrations::currentVersion);
        if (current > SCRIPTS.size()) {
            throw new StoreException("database " + db.describe() + " has schema version " + current
                    + " but this build knows only up to " + SCRIPTS.size() + "; use a newer Afterhours", null);
        }
        if (current > 0 && current < SCRIPTS.size() && db.dialect() == Dialect.SQLITE) {
            // an upgrade: keep a consistent copy of the database as it was, before changing its schema
            Path copy = db.file().toAbsolutePath().resolveSibling("backups")
                    .resolve(db.file().getFileName() + ".v" + current + "-" + System.currentTimeMillis() + ".db");
            Backup.to(db, copy);
            org.slf4j.LoggerFactory.getLogger(Migrations.class).info(
                    "Database {}: schema {} -> {}; a copy of the old one is in {}", db.file(), current, SCRIPTS.size(), copy);
        }
        int applied = 0;
        for (int version = current + 1; version <= SCRIPTS.size(); version++) {
            String script = SCRIPTS.get(version - 1);
            int v = version;
            db.write("migration " + script, c -> {
                // re-check inside the transaction: another process may have migrated meanwhile
                if (db.dialect() == Dialect.POSTGRES) {
                    try (Statement lock = c.createStatement()) {
                        lock.execute("LOCK TABLE schema_version IN ACCESS EXCLUSIVE MODE");
                    }
                }
                if (currentVersion(c) >= v) {
                    return null;
                }
                try (Statement st = c.createStatement()) {
                    for (String sql : statements(load(db.dialect().scripts() + script))) {
                        st.execute(sql);
                    }
                    st.execute("INSERT INTO schema_version (version, script, applied_at) VALUES ("
                            + v + ", '" + script + "', " + System.currentTimeMillis() + ")");
                }
                return null;
            });
            applied++;
        }
        return applied;
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String load(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the build: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
    }

    /** Splits a script on semicolons at line ends, dropping {@code --} comments. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            String code = (comment >= 0 ? line.substring(0, comment) : line).stripTrailing();
            if (code.isBlank()) {
                continue;
            }
            current.append(code).append('\n');
            if (code.endsWith(";")) {
                out.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
