package afterhours.calllog;

import afterhours.json.IsoInstants;
import afterhours.json.Json;
import afterhours.schedule.Mode;
import afterhours.store.Database;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** The call table: batched upserts, queries with keyset pagination, streaming, retention. */
public final class CallStore {
    static final String COLUMNS = "linkedid, line_id, did, caller_number, caller_name, started_at, mode, reason,"
            + " decided_by, route, attempts, answered_by, answered_at, ended_at, ring_seconds, talk_seconds,"
            + " hangup_cause, hangup_text, status";
    private static final ObjectReader ATTEMPTS = IsoInstants.readerFor(new TypeReference<List<Attempt>>() { });
    private static final long QUARTER_HOUR_MS = 15 * 60 * 1000;
    /** Up to this many ring times the median reads them all; above, only the middle ones. */
    static final long RINGS_READ_ALL = 100_000;
    /** Calls deleted per transaction by the retention purge: about 35 ms of the writer each (with the counts' triggers). */
    public static final int PURGE_CHUNK = 5_000;

    private static final String NOBODY = Answerer.NOBODY.key();

    private final Database db;
    private final Clock clock;
    private final MissedCallStore missed;
    private final CallerPrivacy privacy;
    private volatile Consumer<MissedCallEntry> onMissed = m -> { };

    public CallStore(Database db) {
        this(db, Clock.systemUTC());
    }

    /** @param clock when a missed call counts as recorded (its notices wait from then) */
    public CallStore(Database db, Clock clock) {
        this(db, clock, CallerPrivacy.AS_GIVEN);
    }

    /**
     * @param clock when a missed call counts as recorded; how old a call is for {@code privacy}
     * @param privacy what becomes of a caller's number as a call is written (erased, masked)
     */
    public CallStore(Database db, Clock clock, CallerPrivacy privacy) {
        this.db = db;
        this.clock = clock;
        this.missed = new MissedCallStore(db);
        this.privacy = privacy;
    }

    /** The missed calls among the stored ones. */
    public MissedCallStore missed() {
        return missed;
    }

    /** Told of each missed call once it is stored, after its transaction committed (metrics, a wake-up); must not block. */
    public void onMissed(Consumer<MissedCallEntry> listener) {
        this.onMissed = listener;
    }

    public Database database() {
        return db;
    }

    /**
     * Writes calls in one transaction. A started call is inserted unless it exists; a finished one replaces
     * what is there, except that a complete record is never overwritten by a later partial one. With two
     * instances on one Asterisk both write every call: a complete record that carries the FastAGI decision
     * (only the instance that routed the call has it) replaces one inferred without it, and rows are
     * written in linkedid order so two writers lock them in the same order and never deadlock.
     */
    public void write(Collection<CallRecord> calls) {
        upsert(calls, MissedCallEntry.Source.LIVE, "excluded.status <> '" + CallStatus.IN_PROGRESS + "' AND (call.status <> '" + CallStatus.COMPLETE + "'"
                + " OR (excluded.status = '" + CallStatus.COMPLETE + "' AND excluded.decided_by = '" + DecidedBy.AGI.key() + "'"
                + " AND COALESCE(call.decided_by, '') <> '" + DecidedBy.AGI.key() + "'))");
    }

    /**
     * Writes calls the dialplan recorded itself (the spool), in one transaction: a call the log has no
     * complete row for gets the spool's; a complete row, made from what the service saw live, stays as it
     * is. Writing the same records again changes nothing.
     */
    public List<CallRecord> writeSpooled(Collection<CallRecord> calls) {
        return upsert(calls, MissedCallEntry.Source.SPOOL, "call.status <> '" + CallStatus.COMPLETE + "'");
    }

    /**
     * Inserts or, where {@code replaceWhen} holds, replaces; returns the records that changed a row. The complete
     * ones that are missed calls become entries of the call-back list in the same transaction.
     */
    private List<CallRecord> upsert(Collection<CallRecord> calls, MissedCallEntry.Source source, String replaceWhen) {
        if (calls.isEmpty()) {
            return List.of();
        }
        List<CallRecord> given = calls.stream().sorted(java.util.Comparator.comparing(CallRecord::linkedId)).toList();
        List<MissedCallEntry> newlyMissed = new ArrayList<>();
        List<CallRecord> written = db.write("writing " + calls.size() + " call record(s)", c -> {
            newlyMissed.clear();   // a retried transaction starts over
            // an erased number is checked in the transaction that writes it: an erasure committed before is seen
            List<CallRecord> ordered = privacy.apply(c, given, clock.instant());
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO call (" + COLUMNS + ") VALUES"
                    + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (linkedid) DO UPDATE SET"
                    + " line_id=excluded.line_id, did=excluded.did, caller_number=excluded.caller_number,"
                    + " caller_name=excluded.caller_name, started_at=CASE WHEN excluded.started_at < call.started_at"
                    + " THEN excluded.started_at ELSE call.started_at END,"
                    + " mode=excluded.mode, reason=excluded.reason, decided_by=excluded.decided_by, route=excluded.route,"
                    + " attempts=excluded.attempts, answered_by=excluded.answered_by, answered_at=excluded.answered_at,"
                    + " ended_at=excluded.ended_at, ring_seconds=excluded.ring_seconds, talk_seconds=excluded.talk_seconds,"
                    + " hangup_cause=excluded.hangup_cause, hangup_text=excluded.hangup_text, status=excluded.status"
                    + " WHERE " + replaceWhen)) {
                for (CallRecord call : ordered) {
                    bind(upsert, call);
                    upsert.addBatch();
                }
                int[] counts = upsert.executeBatch();
                List<CallRecord> changed = new ArrayList<>();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) {
                        changed.add(ordered.get(i));
                    }
                }
                newlyMissed.addAll(missed.record(c, changed, source, clock.instant()));
                return changed;
            }
        });
        newlyMissed.forEach(onMissed);
        return written;
    }

    /** Keeps a record the database refused in the call log, with the reason, for someone to look at. */
    public void quarantine(CallRecord given, String reason) {
        db.write("quarantining call " + given.linkedId(), c -> {
            CallRecord record = privacy.apply(c, List.of(given), clock.instant()).get(0);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO call_quarantine (linkedid, record, reason, quarantined_at) VALUES (?,?,?,?)")) {
                ps.setString(1, String.valueOf(record.linkedId()));
                ps.setString(2, Json.write(record));
                ps.setString(3, reason == null ? "refused" : reason);
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** How many records wait in the quarantine. */
    public int quarantined() {
        return db.read("counting the quarantine", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM call_quarantine")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * After a crash: calls left open that started before {@code startedBefore} are closed as "end unknown"
     * rather than left dangling.
     */
    public int closeOpenCalls(Instant startedBefore) {
        return db.write("closing calls left open", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE call SET status='" + CallStatus.END_UNKNOWN
                    + "' WHERE status='" + CallStatus.IN_PROGRESS + "' AND started_at < ?")) {
                ps.setLong(1, startedBefore.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    public void recordGap(Instant from, Instant to) {
        db.write("recording an AMI gap", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ami_gap (from_at, to_at) VALUES (?,?)")) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The AMI gaps overlapping {@code [from, to)}: calls in them may be missing. */
    public List<AmiGap> gaps(Instant from, Instant to) {
        return db.read("reading AMI gaps", c -> {
            List<AmiGap> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT from_at, to_at FROM ami_gap"
                    + " WHERE (to_at IS NULL OR to_at >= ?) AND from_at < ? ORDER BY from_at")) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long end = rs.getLong(2);
                        boolean open = rs.wasNull();
                        out.add(new AmiGap(Instant.ofEpochMilli(rs.getLong(1)), open ? null : Instant.ofEpochMilli(end)));
                    }
                }
            }
            return out;
        });
    }

    /** The AMI connection is down from {@code since} on: an open gap; returns its id. */
    public long openGap(Instant since) {
        return db.write("recording an open AMI gap", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ami_gap (from_at, to_at) VALUES (?, NULL)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, since.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Closes the open gap {@code id} at {@code at}. */
    public void closeGap(long id, Instant at) {
        db.write("closing an AMI gap", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ami_gap SET to_at = ? WHERE id = ? AND to_at IS NULL")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Gaps a previous run left open (it stopped while disconnected) end at {@code at}, this start. */
    public int closeOpenGaps(Instant at) {
        return db.write("closing AMI gaps left open", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ami_gap SET to_at = ? WHERE to_at IS NULL AND from_at <= ?")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setLong(2, at.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Deletes calls (and gaps) that started before {@code cutoff}; returns how many calls. The calls go
     * oldest first in transactions of {@value #PURGE_CHUNK}, so a first purge of a large backlog never holds
     * the writer for long: the call writer gets its turn between chunks.
     */
    public int purgeBefore(Instant cutoff) {
        return purgeBefore(cutoff, PURGE_CHUNK);
    }

    /** {@link #purgeBefore(Instant)} with {@code chunk} calls per transaction. */
    public int purgeBefore(Instant cutoff, int chunk) {
        int total = 0;
        int n;
        do {
            n = db.write("purging calls before " + cutoff, c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM call WHERE linkedid IN"
                        + " (SELECT linkedid FROM call WHERE started_at < ? ORDER BY started_at LIMIT ?)")) {
                    ps.setLong(1, cutoff.toEpochMilli());
                    ps.setInt(2, chunk);
                    return ps.executeUpdate();
                }
            });
            total += n;
        } while (n == chunk);
        db.write("purging AMI gaps, missed calls and quarantined records before " + cutoff, c -> {
            missed.purgeBefore(c, cutoff);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM call_quarantine WHERE quarantined_at < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ami_gap WHERE to_at < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
        return total;
    }

    /**
     * Masks the caller numbers (as the exports mask them) and removes the names of the calls that started before
     * {@code cutoff}, in transactions of {@value #PURGE_CHUNK} calls like the purge, oldest first from where the last
     * run stopped ({@code number_masking}); the rest of each row stays for the statistics. Returns how many calls
     * changed.
     */
    public int maskNumbersBefore(Instant cutoff) {
        return maskNumbersBefore(cutoff, PURGE_CHUNK);
    }

    /** {@link #maskNumbersBefore(Instant)} with {@code chunk} calls per transaction. */
    public int maskNumbersBefore(Instant cutoff, int chunk) {
        int total = 0;
        long[] after = {Long.MIN_VALUE};
        String[] afterId = {""};
        boolean more = true;
        while (more) {
            int[] changed = {0};
            more = db.write("masking caller numbers before " + cutoff, c -> {
                changed[0] = 0;
                long from = Math.max(after[0], maskedBefore(c));
                List<String[]> rows = new ArrayList<>();   // linkedid, number, started_at
                try (PreparedStatement ps = c.prepareStatement("SELECT linkedid, caller_number, caller_name, started_at FROM call"
                        + " WHERE started_at >= ? AND started_at < ? AND (started_at > ? OR linkedid > ?)"
                        + " ORDER BY started_at, linkedid LIMIT ?")) {
                    ps.setLong(1, from);
                    ps.setLong(2, cutoff.toEpochMilli());
                    ps.setLong(3, from);
                    ps.setString(4, after[0] == from ? afterId[0] : "");
                    ps.setInt(5, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), Long.toString(rs.getLong(4))});
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE call SET caller_number = ?, caller_name = NULL WHERE linkedid = ?")) {
                    for (String[] row : rows) {
                        String masked = CsvExport.mask(row[1], CallerNumber.MASKED_DIGITS);
                        if (row[2] != null || (masked != null && !masked.equals(row[1]))) {
                            ps.setString(1, masked);
                            ps.setString(2, row[0]);
                            ps.addBatch();
                            changed[0]++;
                        }
                    }
                    if (changed[0] > 0) {
                        ps.executeBatch();
                    }
                }
                boolean full = rows.size() == chunk;
                long done = full ? Long.parseLong(rows.get(rows.size() - 1)[3]) : cutoff.toEpochMilli();
                if (full) {
                    after[0] = done;
                    afterId[0] = rows.get(rows.size() - 1)[0];
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE number_masking SET masked_before = ? WHERE id = 1 AND masked_before < ?")) {
                    ps.setLong(1, done);
                    ps.setLong(2, done);
                    ps.executeUpdate();
                }
                return full;
            });
            total += changed[0];
        }
        return total;
    }

    /** The calls that started before this (ms) have their numbers masked already. */
    private static long maskedBefore(java.sql.Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT masked_before FROM number_masking WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public Optional<CallRecord> find(String linkedId) {
        return db.read("reading call " + linkedId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM call WHERE linkedid=?")) {
                ps.setString(1, linkedId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.<CallRecord>empty();
                }
            }
        });
    }

    /** A page of calls, newest first; {@code cursor} is the previous page's {@link CallPage#next}. */
    public CallPage page(CallFilter filter, String cursor, int size) {
        return db.read("listing calls", c -> {
            Where where = where(filter);
            if (cursor != null) {
                String[] k = decode(cursor);
                where.add("(started_at < ? OR (started_at = ? AND linkedid < ?))", Long.parseLong(k[0]),
                        Long.parseLong(k[0]), k[1]);
            }
            List<CallRecord> calls = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM call" + where.sql()
                    + " ORDER BY started_at DESC, linkedid DESC LIMIT ?")) {
                int i = where.bind(ps);
                ps.setInt(i, size + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        calls.add(map(rs));
                    }
                }
            }
            String next = null;
            if (calls.size() > size) {
                calls.remove(size);
                CallRecord last = calls.get(size - 1);
                next = encode(last.startedAt().toEpochMilli() + ":" + last.linkedId());
            }
            return new CallPage(calls, next);
        });
    }

    /** Every matching call, newest first, one at a time (constant memory). */
    public void stream(CallFilter filter, Consumer<CallRecord> each) {
        db.read("streaming calls", c -> {
            Where where = where(filter);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM call" + where.sql()
                    + " ORDER BY started_at DESC, linkedid DESC")) {
                where.bind(ps);
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(map(rs));
                    }
                }
            }
            return null;
        });
    }

    /**
     * Statistics over the matching calls. Whole quarter hours come from {@code call_quarter}, the counts
     * the database keeps per quarter hour, mode and answered (a year of one line is some ten thousand rows
     * instead of a million calls); a range's partial first and last quarter hours, and filters the counts
     * do not know (route, caller), are counted call by call. The local time is worked out once per quarter
     * hour. The median ring time is then read at its rank (see {@link #medianRing}).
     */
    public CallStats.Result stats(CallFilter filter, ZoneId zone) {
        return stats(filter, zone, RINGS_READ_ALL);
    }

    /** As {@link #stats(CallFilter, ZoneId)}; up to {@code readAllRings} ring times the median reads them all. */
    CallStats.Result stats(CallFilter filter, ZoneId zone, long readAllRings) {
        // one snapshot: the counts and the ring time at their middle rank agree even while calls are written
        return db.readSnapshot("computing call statistics", c -> {
            CallStats stats = new CallStats(zone);
            QuarterHourCounter counter = new QuarterHourCounter(stats);
            long rings;
            Long from = filter.from() == null ? null : filter.from().toEpochMilli();
            Long to = filter.to() == null ? null : filter.to().toEpochMilli();
            // the whole quarter hours of the range: [first, end)
            Long first = from == null ? null : -Math.floorDiv(-from, QUARTER_HOUR_MS);
            Long end = to == null ? null : Math.floorDiv(to, QUARTER_HOUR_MS);
            if (filter.route() != null || filter.caller() != null || (first != null && end != null && first >= end)) {
                rings = countCalls(c, filter, counter);
            } else {
                rings = countQuarters(c, filter, first, end, counter);
                if (first != null && from < first * QUARTER_HOUR_MS) {
                    rings += countCalls(c, within(filter, from, first * QUARTER_HOUR_MS), counter);
                }
                if (end != null && end * QUARTER_HOUR_MS < to) {
                    rings += countCalls(c, within(filter, end * QUARTER_HOUR_MS, to), counter);
                }
            }
            counter.flush();
            medianRing(c, filter, rings, readAllRings, stats);
            MissedCallStore.count(c, filter, stats);
            return stats.result();
        });
    }

    private static CallFilter within(CallFilter f, long from, long to) {
        return new CallFilter(f.lineId(), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), f.mode(), f.route(),
                f.answered(), f.caller());
    }

    /** Adds the kept counts of the quarter hours {@code [first, end)} (null: unbounded); returns the ring times. */
    private static long countQuarters(java.sql.Connection c, CallFilter f, Long first, Long end,
                                      QuarterHourCounter counter) throws SQLException {
        Where where = new Where();
        if (f.lineId() != null) {
            where.add("line_id = ?", f.lineId());
        }
        if (first != null) {
            where.add("quarter >= ?", first);
        }
        if (end != null) {
            where.add("quarter < ?", end);
        }
        if (f.mode() != null) {
            where.add("kind / 2 = ?", f.mode().ordinal());
        }
        if (f.answered() != null) {
            where.add("kind % 2 = ?", f.answered() ? 1 : 0);
        }
        long rings = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT quarter, kind, calls, rings FROM call_quarter"
                + where.sql())) {
            where.bind(ps);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counter.add(rs.getLong(1), rs.getInt(2), rs.getInt(3));
                    rings += rs.getLong(4);
                }
            }
        }
        return rings;
    }

    /** Adds the matching calls one by one, in start order; returns how many have a ring time. */
    private static long countCalls(java.sql.Connection c, CallFilter filter, QuarterHourCounter counter)
            throws SQLException {
        Where where = where(filter);
        long rings = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT started_at,"
                + " CASE mode WHEN 'OPEN' THEN 0 WHEN 'FORWARDED' THEN 2 ELSE 4 END"
                + " + CASE WHEN answered_by <> '" + NOBODY + "' THEN 1 ELSE 0 END,"
                + " CASE WHEN ring_seconds IS NULL THEN 0 ELSE 1 END FROM call" + where.sql() + " ORDER BY started_at")) {
            where.bind(ps);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counter.add(Math.floorDiv(rs.getLong(1), QUARTER_HOUR_MS), rs.getInt(2), 1);
                    rings += rs.getInt(3);
                }
            }
        }
        return rings;
    }

    /**
     * Feeds the ring times the median needs. A few (up to {@code readAllRings}) are all read; of more
     * on one line, only the one or two in the middle are read, in ring-time order off {@code call_line_ring}:
     * SQLite steps over the others itself instead of handing a year of values over one by one.
     */
    private static void medianRing(java.sql.Connection c, CallFilter filter, long rings, long readAllRings,
                                   CallStats stats) throws SQLException {
        if (rings == 0) {
            return;
        }
        Where where = where(filter);
        where.add("ring_seconds IS NOT NULL");
        if (rings <= readAllRings || filter.lineId() == null) {
            // in start order, so that a short range is read off its start index, not off all ring times
            try (PreparedStatement ps = c.prepareStatement("SELECT ring_seconds FROM call" + where.sql()
                    + " ORDER BY started_at")) {
                where.bind(ps);
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stats.addRing(rs.getDouble(1));
                    }
                }
            }
            return;
        }
        long middle = (rings - 1) / 2;
        int count = rings % 2 == 0 ? 2 : 1;
        try (PreparedStatement ps = c.prepareStatement("SELECT ring_seconds FROM call" + where.sql()
                + " ORDER BY ring_seconds LIMIT ? OFFSET ?")) {
            int i = where.bind(ps);
            ps.setInt(i, count);
            ps.setLong(i + 1, middle);
            double sum = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sum += rs.getDouble(1);
                }
            }
            stats.setMedianRing(sum / count);
        }
    }

    /**
     * Counts calls of the current quarter hour by mode and answered, handing each quarter over once when
     * the groups come in quarter order (they do, off the index); in any other order the counts add up the same.
     */
    private static final class QuarterHourCounter {
        private final CallStats stats;
        private final int[] counts = new int[6];
        private long quarter = Long.MIN_VALUE;

        QuarterHourCounter(CallStats stats) {
            this.stats = stats;
        }

        /** @param kind mode (OPEN 0, FORWARDED 2, unknown 4) plus 1 when answered */
        void add(long quarterHour, int kind, int calls) {
            if (quarterHour != quarter) {
                flush();
                quarter = quarterHour;
            }
            counts[kind] += calls;
        }

        void flush() {
            if (quarter == Long.MIN_VALUE) {
                return;
            }
            Instant at = Instant.ofEpochMilli(quarter * QUARTER_HOUR_MS);
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    stats.add(at, i / 2 == 2 ? null : Mode.values()[i / 2], i % 2 == 1, counts[i]);
                    counts[i] = 0;
                }
            }
        }
    }

    private static Where where(CallFilter f) {
        Where w = new Where();
        if (f.lineId() != null) {
            w.add("line_id = ?", f.lineId());
        }
        if (f.from() != null) {
            w.add("started_at >= ?", f.from().toEpochMilli());
        }
        if (f.to() != null) {
            w.add("started_at < ?", f.to().toEpochMilli());
        }
        if (f.mode() != null) {
            w.add("mode = ?", f.mode().name());
        }
        if (f.route() != null) {
            w.add("route = ?", f.route().key());
        }
        if (f.answered() != null) {
            w.add(f.answered() ? "answered_by <> '" + NOBODY + "'" : "answered_by = '" + NOBODY + "'");
        }
        if (f.caller() != null) {
            w.add("caller_number = ?", f.caller());
        }
        return w;
    }

    /** A WHERE clause and its parameters, built together so they cannot disagree. */
    private static final class Where {
        private final List<String> clauses = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        void add(String clause, Object... values) {
            clauses.add(clause);
            params.addAll(List.of(values));
        }

        String sql() {
            return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        }

        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            return i;
        }
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor; a forged or damaged one is refused, never passed to SQL as text. */
    static String[] decode(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = key.indexOf(':');
            Long.parseLong(key.substring(0, colon));
            return new String[] {key.substring(0, colon), key.substring(colon + 1)};
        } catch (RuntimeException e) {
            throw new InvalidField("cursor", Rule.CURSOR, "not a cursor from a previous page");
        }
    }

    private static void bind(PreparedStatement ps, CallRecord r) throws SQLException {
        ps.setString(1, r.linkedId());
        ps.setString(2, r.lineId());
        ps.setString(3, r.did());
        ps.setString(4, r.callerNumber());
        ps.setString(5, r.callerName());
        ps.setLong(6, r.startedAt().toEpochMilli());
        ps.setString(7, r.mode() == null ? null : r.mode().name());
        ps.setString(8, r.reason());
        ps.setString(9, r.decidedBy() == null ? null : r.decidedBy().key());
        ps.setString(10, r.route() == null ? null : r.route().key());
        ps.setString(11, Json.write(r.attempts()));
        ps.setString(12, r.answeredBy().key());
        setInstant(ps, 13, r.answeredAt());
        setInstant(ps, 14, r.endedAt());
        setDouble(ps, 15, r.ringSeconds());
        setDouble(ps, 16, r.talkSeconds());
        if (r.hangupCause() == null) {
            ps.setNull(17, Types.INTEGER);
        } else {
            ps.setInt(17, r.hangupCause());
        }
        ps.setString(18, r.hangupText());
        ps.setString(19, r.status().name());
    }

    private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.REAL);
        } else {
            ps.setDouble(i, d);
        }
    }

    /** A row of {@link #COLUMNS}, read by position (a name is looked up on every call). */
    static CallRecord map(ResultSet rs) throws SQLException {
        List<Attempt> attempts;
        try {
            attempts = ATTEMPTS.readValue(rs.getString(11));
        } catch (JsonProcessingException e) {
            throw new SQLException("call " + rs.getString(1) + ": unreadable attempts", e);
        }
        String mode = rs.getString(7);
        return new CallRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                instant(rs, 6), mode == null ? null : Mode.valueOf(mode), rs.getString(8),
                stored(rs.getString(9), DecidedBy::of), stored(rs.getString(10), CallRoute::of), attempts,
                stored(rs.getString(12), Answerer::of), instant(rs, 13), instant(rs, 14), real(rs, 15), real(rs, 16),
                integer(rs, 17), rs.getString(18), CallStatus.valueOf(rs.getString(19)));
    }

    /** A stored word read back; one this build does not know reads as unknown (null) rather than failing the page. */
    private static <T> T stored(String word, Function<String, T> parse) {
        try {
            return parse.apply(word);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Double real(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

}
