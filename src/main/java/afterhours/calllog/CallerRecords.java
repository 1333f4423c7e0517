package afterhours.calllog;

import afterhours.json.IsoInstants;
import afterhours.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the call log holds of one caller, on every line: the calls from their number (in any of its stored
 * forms), the quarantined records of such calls, and the notes of the call-back list about them. Erasure keeps
 * each call and takes out the number and the name that came with it, so the statistics (counts, ring times,
 * missed calls) stay whole: a call stays a call, it no longer says who made it. Everything here runs in the
 * caller's transaction.
 */
public final class CallerRecords {
    /** A quarantined record (a call the database refused) of the caller. */
    public record Quarantined(long id, String linkedId, CallRecord record, String reason, Instant quarantinedAt) { }

    /** A call-back list entry of one of the caller's calls that has a note. */
    public record Note(String linkedId, String lineId, Instant startedAt, String note) { }

    private static final ObjectReader RECORD = IsoInstants.readerFor(new TypeReference<CallRecord>() { });

    private final NumberPlan plan;

    public CallerRecords(NumberPlan plan) {
        this.plan = plan;
    }

    public NumberPlan plan() {
        return plan;
    }

    /** The caller's calls, oldest first, read off {@code call_caller}. */
    public List<CallRecord> calls(Connection c, CallerNumber number) throws SQLException {
        List<CallRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CallStore.COLUMNS + " FROM call WHERE caller_number IN ("
                + marks(number.storedForms().size()) + ") ORDER BY started_at, linkedid")) {
            bind(ps, 1, number.storedForms());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(CallStore.map(rs));
                }
            }
        }
        return out;
    }

    /** Takes the number and the name out of the caller's calls; returns how many calls. */
    public int eraseCalls(Connection c, CallerNumber number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE call SET caller_number = NULL, caller_name = NULL"
                + " WHERE caller_number IN (" + marks(number.storedForms().size()) + ")")) {
            bind(ps, 1, number.storedForms());
            return ps.executeUpdate();
        }
    }

    /** The quarantined records of the caller's calls (the quarantine is small: each record is read and compared). */
    public List<Quarantined> quarantined(Connection c, CallerNumber number) throws SQLException {
        List<Quarantined> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, linkedid, record, reason, quarantined_at FROM call_quarantine ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                CallRecord record = read(rs.getString(3));
                if (record != null && isOf(record, number)) {
                    out.add(new Quarantined(rs.getLong(1), rs.getString(2), record, rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
        }
        return out;
    }

    /** Takes the number and the name out of the caller's quarantined records; returns how many. */
    public int eraseQuarantined(Connection c, CallerNumber number) throws SQLException {
        List<Quarantined> held = quarantined(c, number);
        try (PreparedStatement ps = c.prepareStatement("UPDATE call_quarantine SET record = ? WHERE id = ?")) {
            for (Quarantined q : held) {
                ps.setString(1, Json.write(CallerPrivacy.withoutCaller(q.record())));
                ps.setLong(2, q.id());
                ps.addBatch();
            }
            if (!held.isEmpty()) {
                ps.executeBatch();
            }
        }
        return held.size();
    }

    /** The call-back list's notes about {@code calls} (written by the reception, they may name the caller). */
    public List<Note> notes(Connection c, Collection<CallRecord> calls) throws SQLException {
        List<Note> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT linkedid, line_id, started_at, note FROM missed_call WHERE linkedid = ? AND note IS NOT NULL")) {
            for (CallRecord call : calls) {
                ps.setString(1, call.linkedId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Note(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
                    }
                }
            }
        }
        return out;
    }

    /** Removes the notes about {@code calls} (the outcome and who marked it stay); returns how many. */
    public int eraseNotes(Connection c, Collection<CallRecord> calls) throws SQLException {
        int erased = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE missed_call SET note = NULL WHERE linkedid = ? AND note IS NOT NULL")) {
            for (CallRecord call : calls) {
                ps.setString(1, call.linkedId());
                erased += ps.executeUpdate();
            }
        }
        return erased;
    }

    /**
     * The distinct stored caller numbers whose hash is among {@code hashes} (after a restore, the erasures the
     * restored database lacks): every number the call log and the quarantine hold is hashed once.
     */
    public List<CallerNumber> numbersHashedTo(Connection c, Collection<String> hashes, ErasedNumbers erased)
            throws SQLException {
        List<CallerNumber> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT caller_number FROM call WHERE caller_number IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.stored(rs.getString(1)).filter(n -> seen.add(n.canonical()) && hashes.contains(erased.hash(n)))
                        .ifPresent(out::add);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT record FROM call_quarantine");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                CallRecord record = read(rs.getString(1));
                if (record != null) {
                    plan.stored(record.callerNumber()).filter(n -> seen.add(n.canonical()) && hashes.contains(erased.hash(n)))
                            .ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private boolean isOf(CallRecord record, CallerNumber number) {
        return plan.stored(record.callerNumber()).map(n -> n.canonical().equals(number.canonical())).orElse(false);
    }

    /** A quarantined record read back; one that cannot be read holds nothing this build can match. */
    private static CallRecord read(String json) {
        try {
            return RECORD.readValue(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement ps, int first, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(first + i, values.get(i));
        }
    }
}
