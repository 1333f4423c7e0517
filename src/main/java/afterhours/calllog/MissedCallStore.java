package afterhours.calllog;

import afterhours.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The missed calls ({@code missed_call}): written in the transaction that stores a call's complete record,
 * judged by {@link MissedCall} with the line's {@code missedAfterSeconds} as stored then; listed for calling
 * back, newest first; marked as called back or no need; claimed once for their notices, whichever instance
 * gets there first. The caller's number and name stay in the call log only.
 */
public final class MissedCallStore {
    /** The call-back list covers this many days. */
    public static final int LIST_DAYS = 14;
    /** Calls classified per transaction when the calls of an older version are judged once. */
    static final int BACKFILL_CHUNK = 2_000;

    private static final String ENTRY = " m.why, m.source, m.recorded_at, m.told_at, m.outcome, m.outcome_at, m.marked_by,"
            + " m.marked_at, m.note";
    private static final String CALL = Arrays.stream(CallStore.COLUMNS.split(","))
            .map(column -> "c." + column.strip()).collect(Collectors.joining(", "));
    private static final String NOBODY = Answerer.NOBODY.key();
    /** The first later call from the same number on the line that someone answered (an index probe). */
    private static final String ANSWERED_LATER = "(SELECT MIN(l.started_at) FROM call l WHERE l.line_id = m.line_id"
            + " AND l.caller_number = c.caller_number AND l.started_at > m.started_at AND l.answered_by <> '" + NOBODY + "')";

    /** A page of the list and the cursor of the next one (null: none). */
    public record Page(List<MissedCallEntry> calls, String next) { }

    /**
     * The list's head figures: missed calls since {@code from}, how many still wait for a call-back and since
     * when the oldest waits (null when none does).
     */
    public record Summary(int total, int waiting, Instant oldestWaiting) { }

    private final Database db;

    public MissedCallStore(Database db) {
        this.db = db;
    }

    /**
     * In the transaction that stores {@code calls}: each complete one that is missed becomes an entry, unless
     * it is one already (a second instance writing the same call, a record written again). Returns the new ones.
     */
    List<MissedCallEntry> record(Connection c, Collection<CallRecord> calls, MissedCallEntry.Source source, Instant now)
            throws SQLException {
        List<CallRecord> complete = calls.stream().filter(r -> r.status() == CallStatus.COMPLETE && !r.answered()).toList();
        if (complete.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> after = missedAfter(c);
        List<MissedCallEntry> missed = new ArrayList<>();
        for (CallRecord call : complete) {
            MissedCall.of(call, after.getOrDefault(call.lineId(), afterhours.line.Line.DEFAULT_MISSED_AFTER_SECONDS))
                    .ifPresent(why -> missed.add(new MissedCallEntry(call, why, source, now,
                            source == MissedCallEntry.Source.BACKFILL ? now : null, null, null)));
        }
        if (missed.isEmpty()) {
            return List.of();
        }
        List<MissedCallEntry> added = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO missed_call (linkedid, line_id, started_at, ended_at, mode,"
                + " why, source, recorded_at, told_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (linkedid) DO NOTHING")) {
            for (MissedCallEntry m : missed) {
                CallRecord call = m.call();
                ps.setString(1, call.linkedId());
                ps.setString(2, call.lineId());
                ps.setLong(3, call.startedAt().toEpochMilli());
                ps.setLong(4, (call.endedAt() == null ? call.startedAt() : call.endedAt()).toEpochMilli());
                ps.setString(5, call.mode() == null ? null : call.mode().name());
                ps.setString(6, m.why().key());
                ps.setString(7, source.key());
                ps.setLong(8, now.toEpochMilli());
                if (m.toldAt() == null) {
                    ps.setNull(9, Types.BIGINT);
                } else {
                    ps.setLong(9, m.toldAt().toEpochMilli());
                }
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) {
                    added.add(missed.get(i));
                }
            }
        }
        return added;
    }

    /** Each line's {@code missedAfterSeconds} as stored now. */
    private static Map<String, Integer> missedAfter(Connection c) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, missed_after_seconds FROM line");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    /** A page of a line's missed calls that started at or after {@code from}, newest first. */
    public Page list(String lineId, Instant from, String cursor, int limit) {
        return db.read("listing the missed calls of " + lineId, c -> {
            StringBuilder where = new StringBuilder(" WHERE m.line_id = ? AND m.started_at >= ?");
            List<Object> params = new ArrayList<>(List.of(lineId, from.toEpochMilli()));
            if (cursor != null) {
                String[] k = CallStore.decode(cursor);
                where.append(" AND (m.started_at < ? OR (m.started_at = ? AND m.linkedid < ?))");
                params.addAll(List.of(Long.parseLong(k[0]), Long.parseLong(k[0]), k[1]));
            }
            List<MissedCallEntry> calls = query(c, where + " ORDER BY m.started_at DESC, m.linkedid DESC LIMIT ?",
                    params, limit + 1);
            String next = null;
            if (calls.size() > limit) {
                calls.remove(limit);
                CallRecord last = calls.get(limit - 1).call();
                next = Base64.getUrlEncoder().withoutPadding().encodeToString((last.startedAt().toEpochMilli() + ":"
                        + last.linkedId()).getBytes(StandardCharsets.UTF_8));
            }
            return new Page(calls, next);
        });
    }

    /** The missed call {@code linkedId} of the line, as the list shows it. */
    public Optional<MissedCallEntry> find(String lineId, String linkedId) {
        return db.read("reading missed call " + linkedId, c -> find(c, lineId, linkedId));
    }

    public Optional<MissedCallEntry> find(Connection c, String lineId, String linkedId) throws SQLException {
        List<MissedCallEntry> one = query(c, " WHERE m.line_id = ? AND m.linkedid = ?", List.of(lineId, linkedId), 1);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /** How many missed calls since {@code from}, how many of them wait, and the oldest waiting one's start. */
    public Summary summary(String lineId, Instant from) {
        return db.read("counting the missed calls of " + lineId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*),"
                    + " SUM(CASE WHEN m.outcome IS NULL AND c.caller_number IS NOT NULL AND " + ANSWERED_LATER + " IS NULL"
                    + " THEN 1 ELSE 0 END),"
                    + " MIN(CASE WHEN m.outcome IS NULL AND c.caller_number IS NOT NULL AND " + ANSWERED_LATER + " IS NULL"
                    + " THEN m.started_at END)"
                    + " FROM missed_call m JOIN call c ON c.linkedid = m.linkedid WHERE m.line_id = ? AND m.started_at >= ?")) {
                ps.setString(1, lineId);
                ps.setLong(2, from.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long oldest = rs.getLong(3);
                    Instant oldestWaiting = rs.wasNull() ? null : Instant.ofEpochMilli(oldest);
                    return new Summary(rs.getInt(1), rs.getInt(2), oldestWaiting);
                }
            }
        });
    }

    /** Marks a missed call as followed up (replacing an earlier mark), or clears its mark ({@code callBack} null). */
    public boolean mark(Connection c, String lineId, String linkedId, CallBack callBack) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE missed_call SET outcome = ?, outcome_at = ?, marked_by = ?,"
                + " marked_at = ?, note = ? WHERE line_id = ? AND linkedid = ?")) {
            ps.setString(1, callBack == null ? null : callBack.outcome().key());
            setInstant(ps, 2, callBack == null ? null : callBack.at());
            ps.setString(3, callBack == null ? null : callBack.by());
            setInstant(ps, 4, callBack == null ? null : callBack.markedAt());
            ps.setString(5, callBack == null ? null : callBack.note());
            ps.setString(6, lineId);
            ps.setString(7, linkedId);
            return ps.executeUpdate() == 1;
        }
    }

    /** The lines that have missed calls recorded at or before {@code recordedBy} and not yet told. */
    public List<String> linesToTell(Instant recordedBy) {
        return db.read("finding missed calls to tell", c -> {
            List<String> lines = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT line_id FROM missed_call"
                    + " WHERE told_at IS NULL AND recorded_at <= ?")) {
                ps.setLong(1, recordedBy.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
            }
            return lines;
        });
    }

    /**
     * In the caller's transaction: takes every missed call of the line not yet told as told at {@code now}
     * and returns them, oldest first. Each is taken by one conditional update, so of two instances doing this
     * at once exactly one gets it (the other waits for the row and then finds it told).
     */
    public List<MissedCallEntry> claimUntold(Connection c, String lineId, Instant now) throws SQLException {
        List<String> untold = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT linkedid FROM missed_call WHERE line_id = ? AND told_at IS NULL"
                + " AND recorded_at <= ? ORDER BY started_at, linkedid")) {
            ps.setString(1, lineId);
            ps.setLong(2, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    untold.add(rs.getString(1));
                }
            }
        }
        List<String> mine = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE missed_call SET told_at = ? WHERE linkedid = ? AND told_at IS NULL")) {
            for (String id : untold) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, id);
                if (ps.executeUpdate() == 1) {
                    mine.add(id);
                }
            }
        }
        List<MissedCallEntry> out = new ArrayList<>();
        for (String id : mine) {
            find(c, lineId, id).ifPresent(out::add);
        }
        return out;
    }

    /** Entries of missed calls that started before {@code cutoff} go with their calls (retention). */
    int purgeBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM missed_call WHERE started_at < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            return ps.executeUpdate();
        }
    }

    /**
     * Judges, once, the calls an older version stored before missed calls were kept: in chunks of
     * {@value #BACKFILL_CHUNK} calls, each in its own transaction that also records the progress, so a
     * restart carries on. They count as told (nobody is sent a message about old calls). Stops between
     * chunks when {@code goOn} says so. Returns how many were missed.
     */
    public int backfill(Instant now, java.util.function.BooleanSupplier goOn) {
        int found = 0;
        while (goOn.getAsBoolean()) {
            Integer chunk = db.write("judging older calls for missed ones", c -> {
                Long before;
                Long afterStart;
                String afterId;
                try (PreparedStatement ps = c.prepareStatement("SELECT before_at, after_start, after_id FROM missed_backfill WHERE id = 1");
                     ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    before = rs.getLong(1);
                    long s = rs.getLong(2);
                    afterStart = rs.wasNull() ? null : s;
                    afterId = rs.getString(3);
                }
                List<CallRecord> calls = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + CallStore.COLUMNS + " FROM call WHERE status = '"
                        + CallStatus.COMPLETE + "' AND answered_by = '" + NOBODY + "' AND started_at < ?"
                        + (afterStart == null ? "" : " AND (started_at > ? OR (started_at = ? AND linkedid > ?))")
                        + " ORDER BY started_at, linkedid LIMIT ?")) {
                    int i = 1;
                    ps.setLong(i++, before);
                    if (afterStart != null) {
                        ps.setLong(i++, afterStart);
                        ps.setLong(i++, afterStart);
                        ps.setString(i++, afterId);
                    }
                    ps.setInt(i, BACKFILL_CHUNK);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            calls.add(CallStore.map(rs));
                        }
                    }
                }
                if (calls.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM missed_backfill WHERE id = 1")) {
                        ps.executeUpdate();
                    }
                    return null;
                }
                int missed = record(c, calls, MissedCallEntry.Source.BACKFILL, now).size();
                CallRecord last = calls.get(calls.size() - 1);
                try (PreparedStatement ps = c.prepareStatement("UPDATE missed_backfill SET after_start = ?, after_id = ? WHERE id = 1")) {
                    ps.setLong(1, last.startedAt().toEpochMilli());
                    ps.setString(2, last.linkedId());
                    ps.executeUpdate();
                }
                return missed;
            });
            if (chunk == null) {
                return found;
            }
            found += chunk;
        }
        return found;
    }

    /** Whether older calls still wait to be judged. */
    public boolean backfillPending() {
        return db.read("reading the missed-call backfill", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM missed_backfill WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /**
     * Feeds the missed calls among the calls {@code filter} matches into {@code stats} (its route and caller
     * need the call's row; the rest is the entry's own).
     */
    static void count(Connection c, CallFilter f, CallStats stats) throws SQLException {
        if (Boolean.TRUE.equals(f.answered())) {
            return;   // an answered call is never missed
        }
        StringBuilder sql = new StringBuilder("SELECT m.started_at, m.mode, m.ended_at, m.outcome, m.outcome_at FROM missed_call m");
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (f.route() != null || f.caller() != null) {
            sql.append(" JOIN call c ON c.linkedid = m.linkedid");
            if (f.route() != null) {
                where.add("c.route = ?");
                params.add(f.route().key());
            }
            if (f.caller() != null) {
                where.add("c.caller_number = ?");
                params.add(f.caller());
            }
        }
        if (f.lineId() != null) {
            where.add("m.line_id = ?");
            params.add(f.lineId());
        }
        if (f.from() != null) {
            where.add("m.started_at >= ?");
            params.add(f.from().toEpochMilli());
        }
        if (f.to() != null) {
            where.add("m.started_at < ?");
            params.add(f.to().toEpochMilli());
        }
        if (f.mode() != null) {
            where.add("m.mode = ?");
            params.add(f.mode().name());
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String mode = rs.getString(2);
                    Instant started = Instant.ofEpochMilli(rs.getLong(1));
                    Instant ended = Instant.ofEpochMilli(rs.getLong(3));
                    CallBack.Outcome outcome = CallBack.Outcome.of(rs.getString(4));
                    long at = rs.getLong(5);
                    Instant calledBackAt = rs.wasNull() ? null : Instant.ofEpochMilli(at);
                    stats.addMissed(started, mode == null ? null : afterhours.schedule.Mode.valueOf(mode), outcome,
                            outcome == CallBack.Outcome.CALLED_BACK && calledBackAt != null
                                    ? Duration.between(ended, calledBackAt) : null);
                }
            }
        }
    }

    /** Entries with their call, the {@code where} clause on {@code m} (the entry) and {@code c} (the call). */
    private static List<MissedCallEntry> query(Connection c, String where, List<Object> params, int limit)
            throws SQLException {
        boolean limited = where.endsWith("LIMIT ?");
        List<MissedCallEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CALL + "," + ENTRY + ", " + ANSWERED_LATER
                + " FROM missed_call m JOIN call c ON c.linkedid = m.linkedid" + where)) {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            if (limited) {
                ps.setInt(i, limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        }
        return out;
    }

    /** A row of the call's columns (1-19), then the entry's (20-28), then the later answered call (29). */
    private static MissedCallEntry entry(ResultSet rs) throws SQLException {
        CallRecord call = CallStore.map(rs);
        int e = 20;
        CallBack.Outcome outcome = CallBack.Outcome.of(rs.getString(e + 4));
        CallBack callBack = outcome == null ? null : new CallBack(outcome, instant(rs, e + 5), rs.getString(e + 6),
                instant(rs, e + 7), rs.getString(e + 8));
        return new MissedCallEntry(call, MissedCall.Why.of(rs.getString(e)), MissedCallEntry.Source.of(rs.getString(e + 1)),
                instant(rs, e + 2), instant(rs, e + 3), callBack, instant(rs, e + 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }
}
