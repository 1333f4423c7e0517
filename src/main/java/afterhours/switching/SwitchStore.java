package afterhours.switching;

import afterhours.json.Json;
import afterhours.schedule.Detail;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.schedule.TimeRange;
import afterhours.store.Database;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The switch history of every line. */
public final class SwitchStore {
    private static final String COLUMNS =
            "id, line_id, effective_at, applied_at, from_mode, to_mode, reason, detail, trigger, why";

    private final Database db;
    /** Ids of the switches this process stored and no look for changes elsewhere has passed yet. */
    private final Set<Long> storedHere = ConcurrentHashMap.newKeySet();

    public SwitchStore(Database db) {
        this.db = db;
    }

    /**
     * Stores a switch and returns it with its id. The same scheduled switch recorded by another instance
     * (same line, effective instant and mode) is not stored twice: the stored one is returned.
     */
    public Switch record(Switch s) {
        return record(s, null, SwitchNotices.NONE);
    }

    /** As {@link #record(Switch)}; {@code notices} is told in the same transaction when this call stored it. */
    public Switch record(Switch s, afterhours.line.LineSetup setup, SwitchNotices notices) {
        return db.write("recording a switch of " + s.lineId(), c -> {
            boolean stored;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO switch (line_id, effective_at, applied_at,"
                    + " from_mode, to_mode, reason, detail, trigger, why) VALUES (?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (line_id, effective_at, to_mode) DO NOTHING")) {
                ps.setString(1, s.lineId());
                ps.setLong(2, s.effectiveAt().toEpochMilli());
                ps.setLong(3, s.appliedAt().toEpochMilli());
                ps.setString(4, s.from() == null ? null : s.from().name());
                ps.setString(5, s.to().name());
                ps.setString(6, s.reason().name());
                ps.setString(7, s.detail());
                ps.setString(8, s.trigger().name());
                ps.setString(9, s.why() == null ? null : Json.write(StoredWhy.of(s.why())));
                stored = ps.executeUpdate() == 1;
            }
            Switch recorded;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM switch WHERE line_id=? AND effective_at=? AND to_mode=?")) {
                ps.setString(1, s.lineId());
                ps.setLong(2, s.effectiveAt().toEpochMilli());
                ps.setString(3, s.to().name());
                recorded = list(ps).get(0);
            }
            if (stored) {
                storedHere.add(recorded.id());
                notices.recorded(c, setup, recorded);
            }
            return recorded;
        });
    }

    /** The highest switch id there is (0 when none): where the first look for changes elsewhere starts. */
    public long highestId() {
        return db.longs("reading the highest switch id", "SELECT COALESCE(MAX(id), 0) FROM switch").get(0);
    }

    /** The ids of the switches above {@code floor}, lowest first. */
    public List<Long> idsAbove(long floor) {
        return db.longs("looking for switches stored by other instances", "SELECT id FROM switch WHERE id > ? ORDER BY id",
                floor);
    }

    /**
     * Whether this process stored the switch: a look for changes by other instances does not count it, or the
     * switches of one boundary of many lines would make every look reload every line.
     */
    public boolean storedHere(long id) {
        return storedHere.contains(id);
    }

    /** The looks will not ask about ids at or below {@code floor} again. */
    public void settled(long floor) {
        storedHere.removeIf(id -> id <= floor);
    }

    /** The line's most recent switch: the mode the PBX was last told. */
    public Optional<Switch> last(String lineId) {
        List<Switch> one = recent(lineId, 1);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /** The line's switches, newest first. */
    public List<Switch> recent(String lineId, int limit) {
        return db.read("reading switches of " + lineId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM switch WHERE line_id=? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, lineId);
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    /** Every line's switches applied in {@code [from, to)}, oldest first. */
    public List<Switch> between(Instant from, Instant to) {
        return db.read("reading switches", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM switch WHERE applied_at >= ? AND applied_at < ? ORDER BY id")) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                return list(ps);
            }
        });
    }

    private static List<Switch> list(PreparedStatement ps) throws SQLException {
        List<Switch> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String from = rs.getString(5);
                out.add(new Switch(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), from == null ? null : Mode.valueOf(from),
                        Mode.valueOf(rs.getString(6)), Reason.valueOf(rs.getString(7)), rs.getString(8),
                        Trigger.valueOf(rs.getString(9)), StoredWhy.read(rs.getString(10))));
            }
        }
        return out;
    }

    /** A switch's {@link Detail} as the {@code why} column keeps it (JSON; the override's end in epoch ms). */
    record StoredWhy(String kind, List<String> hours, String holiday, String note, String setBy, Long until) {
        static StoredWhy of(Detail d) {
            return new StoredWhy(d.kind().name(), d.hours().stream().map(TimeRange::toString).toList(), d.holiday(),
                    d.note(), d.setBy(), d.until() == null ? null : d.until().toEpochMilli());
        }

        /** The detail, or null for a row from before the column (or one this build cannot read). */
        static Detail read(String json) {
            if (json == null) {
                return null;
            }
            try {
                StoredWhy w = Json.MAPPER.readValue(json, StoredWhy.class);
                return new Detail(Detail.Kind.valueOf(w.kind()), w.hours() == null ? List.of()
                        : w.hours().stream().map(TimeRange::parse).toList(), w.holiday(), w.note(), w.setBy(),
                        w.until() == null ? null : Instant.ofEpochMilli(w.until()));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return null;   // the English detail still tells it
            }
        }
    }
}
