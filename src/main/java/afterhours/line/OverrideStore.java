package afterhours.line;

import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** The manual override of each line (at most one). */
public final class OverrideStore {
    private final Database db;

    public OverrideStore(Database db) {
        this.db = db;
    }

    public Optional<ManualOverride> find(String lineId) {
        return db.read("reading the override of " + lineId, c -> find(c, lineId));
    }

    static Optional<ManualOverride> find(Connection c, String lineId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT mode, starts_at, until, set_by, note FROM manual_override WHERE line_id=?")) {
            ps.setString(1, lineId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long until = rs.getLong(3);
                Instant untilInstant = rs.wasNull() ? null : Instant.ofEpochMilli(until);
                return Optional.of(new ManualOverride(Mode.valueOf(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2)),
                        untilInstant, rs.getString(4), rs.getString(5)));
            }
        }
    }

    /** Sets (replacing any earlier) the line's override in the caller's transaction. */
    public void set(Connection c, String lineId, ManualOverride o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO manual_override"
                + " (line_id, mode, starts_at, until, set_by, note) VALUES (?,?,?,?,?,?) ON CONFLICT (line_id) DO UPDATE"
                + " SET mode=excluded.mode, starts_at=excluded.starts_at, until=excluded.until, set_by=excluded.set_by,"
                + " note=excluded.note")) {
            ps.setString(1, lineId);
            ps.setString(2, o.mode().name());
            ps.setLong(3, o.start().toEpochMilli());
            if (o.until() == null) {
                ps.setNull(4, Types.BIGINT);
            } else {
                ps.setLong(4, o.until().toEpochMilli());
            }
            ps.setString(5, o.setBy());
            ps.setString(6, o.note());
            ps.executeUpdate();
        }
    }

    /** Clears the line's override; false when it had none. */
    public boolean clear(Connection c, String lineId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM manual_override WHERE line_id=?")) {
            ps.setString(1, lineId);
            return ps.executeUpdate() == 1;
        }
    }
}
