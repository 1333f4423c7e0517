package afterhours.audit;

import afterhours.json.Json;
import afterhours.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Who changed what, when, with the state before and after (as JSON). */
public final class AuditLog {
    /** One change; {@code before}/{@code after} are JSON text or null. */
    public record Entry(long id, Instant at, String actor, String action, String lineId, String before, String after) { }

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    /** Records a change in the caller's transaction, so the change and its record commit together. */
    public void record(Connection c, Instant at, String actor, String action, String lineId, Object before,
                       Object after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit (at, actor, action, line_id, before, after) VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, lineId);
            ps.setString(5, before == null ? null : Json.write(before));
            ps.setString(6, after == null ? null : Json.write(after));
            ps.executeUpdate();
        }
    }

    /** Actions that only read (personal data): audited, but they change nothing another instance must reload. */
    public static final List<String> READS = List.of("calls-listed", "calls-exported", "calls-counted", "missed-listed",
            "subject-exported");

    /** The highest entry id there is (0 when none): where the first look for changes elsewhere starts. */
    public long highestId() {
        return db.longs("reading the highest audit id", "SELECT COALESCE(MAX(id), 0) FROM audit").get(0);
    }

    /** The ids above {@code floor} of the entries that change something (not the {@link #READS}), lowest first. */
    public List<Long> changeIdsAbove(long floor) {
        return db.longs("looking for changes by other instances", "SELECT id FROM audit WHERE id > ? AND action NOT IN ('"
                + String.join("', '", READS) + "') ORDER BY id", floor);
    }

    /** An entry of its own transaction, for a read of personal data: who read what. */
    public void recordRead(Instant at, String actor, String action, String lineId, Object what) {
        db.write("auditing " + action, c -> {
            record(c, at, actor, action, lineId, null, what);
            return null;
        });
    }

    /** A line's entries (and those of no line) in {@code [from, to)}, oldest first. */
    public List<Entry> between(String lineId, Instant from, Instant to) {
        return query(" WHERE at >= ? AND at < ? AND (line_id = ? OR line_id IS NULL) ORDER BY at, id",
                from.toEpochMilli(), to.toEpochMilli(), lineId);
    }

    /** The newest entries first. */
    public List<Entry> recent(int limit) {
        return query(" ORDER BY id DESC LIMIT ?", limit);
    }

    /** The newest changes (everything but {@link #READS}) or the newest reads first. */
    public List<Entry> recent(int limit, boolean reads) {
        List<Object> params = new ArrayList<>(READS);
        params.add(limit);
        return query(" WHERE action " + (reads ? "IN" : "NOT IN") + " (" + String.join(", ", READS.stream().map(r -> "?").toList())
                + ") ORDER BY id DESC LIMIT ?", params.toArray());
    }

    private List<Entry> query(String where, Object... params) {
        return db.read("reading the audit log", c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, at, actor, action, line_id, before, after FROM audit" + where)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }
}
