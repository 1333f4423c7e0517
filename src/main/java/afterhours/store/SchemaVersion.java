package afterhours.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which schema a database has, read without changing it: Flyway's history table, or for a database made
 * by release 0.1 (before Flyway) its own {@code schema_version} table. 0 for an empty database.
 */
final class SchemaVersion {
    static final String HISTORY = "flyway_schema_history";
    static final String LEGACY = "schema_version";

    private SchemaVersion() {
    }

    static int of(Connection c) throws SQLException {
        if (exists(c, HISTORY)) {
            return max(c, "SELECT MAX(CAST(version AS INTEGER)) FROM " + HISTORY + " WHERE success AND version IS NOT NULL");
        }
        return legacy(c);
    }

    /** The version release 0.1 recorded; 0 when it has no such table. */
    static int legacy(Connection c) throws SQLException {
        return exists(c, LEGACY) ? max(c, "SELECT MAX(version) FROM " + LEGACY) : 0;
    }

    static boolean exists(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static int max(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
