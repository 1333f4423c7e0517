package afterhours.subject;

import afterhours.audit.AuditLog;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallerNumber;
import afterhours.calllog.CallerRecords;
import afterhours.calllog.ErasedNumbers;
import afterhours.calllog.SpoolRecord;
import afterhours.store.Database;
import afterhours.validation.FreeText;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller's rights in one step each (GDPR art. 15 and 17): everything held about one number shown, or erased.
 * The call log keeps each call and loses the number and the name that came with it (so counts, ring times and
 * missed calls stay whole); the number goes on the erased list ({@link ErasedNumbers}), so a call of it that
 * arrives later is erased on arrival, and a restore of an older backup gets the erasures made since applied again
 * ({@link #reapply}). Both are audited with who, why, how many records and the number masked, never in full.
 */
public final class Subjects {
    private static final Logger log = LoggerFactory.getLogger(Subjects.class);
    public static final String EXPORTED = "subject-exported";
    public static final String ERASED = "subject-erased";
    /** The actor of erasures applied again after a restore. */
    public static final String RESTORE_ACTOR = "afterhours restore";

    /** What the PBX's spool said: read, or why not. */
    public record SpoolState(boolean read, String note) { }

    /** The access document: every record holding the number or a name that came with it. */
    public record Document(CallerNumber number, Instant at, List<HeldRecord> records, SpoolState spool) {
        public Map<String, Integer> counts() {
            Map<String, Integer> out = new LinkedHashMap<>();
            records.forEach(r -> out.merge(r.kind(), 1, Integer::sum));
            return out;
        }
    }

    /** What an erasure changed, by kind of record. */
    public record Erasure(CallerNumber number, Instant at, Map<String, Integer> erased, SpoolState spool) {
        public int total() {
            return erased.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Database db;
    private final ErasedNumbers erasedNumbers;
    private final CallerRecords calls;
    private final AuditLog audit;
    private final Period retention;
    private final Duration numbersKept;
    private final List<PersonalData> others;
    private final PbxSpool spool;

    /**
     * @param retention the call log's retention period (how long a call is kept)
     * @param numbersKept how long a call's number is kept in full; null: as long as the call
     * @param others the other holders of callers' data (the outbox)
     * @param spool the PBX's spool, through AMI ({@link PbxSpool#NOT_CONNECTED} where there is none)
     */
    public Subjects(Database db, ErasedNumbers erasedNumbers, AuditLog audit, Period retention, Duration numbersKept,
                    List<PersonalData> others, PbxSpool spool) {
        this.db = db;
        this.erasedNumbers = erasedNumbers;
        this.calls = new CallerRecords(erasedNumbers.plan());
        this.audit = audit;
        this.retention = retention;
        this.numbersKept = numbersKept;
        this.others = List.copyOf(others);
        this.spool = spool;
    }

    /** The number as a person wrote it, or a refusal naming {@code field}. */
    public CallerNumber number(String text, String field) {
        return erasedNumbers.plan().parse(text, field);
    }

    /** Everything held about the number now, audited as read by {@code actor}. */
    public Document export(CallerNumber number, String actor, Instant now) {
        List<HeldRecord> records = new ArrayList<>(db.read("reading what is held of a caller", c -> held(c, number)));
        SpoolState state = spoolRecords(number, records::add);
        Document document = new Document(number, now, records, state);
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("number", number.masked());
        what.put("records", records.size());
        what.put("pbxSpoolRead", state.read());
        audit.recordRead(now, actor, EXPORTED, null, what);
        return document;
    }

    /**
     * Erases the number and the names that came with it everywhere, puts it on the erased list and audits it with
     * the reason, in one transaction; then takes it out of the records waiting in the PBX's spool (when reached;
     * otherwise they are erased when collected, by the list).
     */
    public Erasure erase(CallerNumber number, String actor, String reason, Instant now) {
        String why = FreeText.check(FreeText.required(reason, "reason"), "reason");
        Map<String, Integer> erased = db.write("erasing a caller", c -> {
            Map<String, Integer> counts = eraseAll(c, number, now);
            Map<String, Object> what = new LinkedHashMap<>();
            what.put("number", number.masked());
            what.put("reason", CallerNumber.maskNumbersIn(why));
            what.put("records", counts.values().stream().mapToInt(Integer::intValue).sum());
            what.put("erased", counts);
            audit.record(c, now, actor, ERASED, null, null, what);
            return counts;
        });
        SpoolState state = eraseInSpool(number, erased);
        log.info("Subject erasure by {}: {} record(s) erased (number {}); PBX spool: {}", actor,
                erased.values().stream().mapToInt(Integer::intValue).sum(), number.masked(), state.note());
        return new Erasure(number, now, erased, state);
    }

    /**
     * After a restore of an older backup: the erasures the list file holds and the restored database lacks are
     * put back and applied again (every stored number is hashed once to find them). Returns how many numbers.
     */
    public int reapply(Instant now) {
        return db.write("applying erasures again", c -> {
            Set<String> missing = erasedNumbers.restoreFromFile(c);
            if (missing.isEmpty()) {
                return 0;
            }
            List<CallerNumber> found = calls.numbersHashedTo(c, missing, erasedNumbers);
            for (CallerNumber number : found) {
                Map<String, Integer> counts = eraseAll(c, number, now);
                Map<String, Object> what = new LinkedHashMap<>();
                what.put("number", number.masked());
                what.put("reason", "applied again: the database was restored from a backup older than the erasure");
                what.put("records", counts.values().stream().mapToInt(Integer::intValue).sum());
                what.put("erased", counts);
                audit.record(c, now, RESTORE_ACTOR, ERASED, null, null, what);
            }
            log.info("Erasures: {} erased number(s) the restored database lacked put back; {} of them still held"
                    + " records, erased again", missing.size(), found.size());
            return missing.size();
        });
    }

    private Map<String, Integer> eraseAll(Connection c, CallerNumber number, Instant now) throws SQLException {
        List<CallRecord> held = calls.calls(c, number);
        Set<String> names = names(held, calls.quarantined(c, number));
        Map<String, Integer> counts = new LinkedHashMap<>();
        erasedNumbers.add(c, number, now);
        counts.put("call-back-note", calls.eraseNotes(c, held));
        counts.put("call", calls.eraseCalls(c, number));
        counts.put("quarantined-call", calls.eraseQuarantined(c, number));
        int outside = 0;
        for (PersonalData other : others) {
            outside += other.erase(c, number, names);
        }
        counts.put("outbox-message", outside);
        return counts;
    }

    private List<HeldRecord> held(Connection c, CallerNumber number) throws SQLException {
        List<HeldRecord> out = new ArrayList<>();
        List<CallRecord> held = calls.calls(c, number);
        List<CallerRecords.Quarantined> quarantined = calls.quarantined(c, number);
        for (CallRecord call : held) {
            out.add(call(call));
        }
        for (CallerRecords.Quarantined q : quarantined) {
            Map<String, Object> data = callerData(q.record());
            data.put("reason", q.reason());
            Instant until = plus(q.quarantinedAt(), retention);
            out.add(new HeldRecord("quarantined-call", Long.toString(q.id()), q.record().lineId(), q.quarantinedAt(),
                    "a call's record the database refused, kept for someone to look at (call_quarantine)",
                    "until " + retention.toTotalMonths() + " months after it was quarantined (calllog.retentionMonths)", until, data));
        }
        for (CallerRecords.Note note : calls.notes(c, held)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("callId", note.linkedId());
            data.put("note", note.note());
            out.add(new HeldRecord("call-back-note", note.linkedId(), note.lineId(), note.startedAt(),
                    "the reception's note on the call-back list about this missed call (missed_call)",
                    "with the call: until " + retention.toTotalMonths() + " months after it (calllog.retentionMonths)",
                    plus(note.startedAt(), retention), data));
        }
        Set<String> names = names(held, quarantined);
        for (PersonalData other : others) {
            out.addAll(other.find(c, number, names));
        }
        return out;
    }

    private HeldRecord call(CallRecord call) {
        Instant deleted = plus(call.startedAt(), retention);
        Instant masked = numbersKept == null ? null : call.startedAt().plus(numbersKept);
        boolean maskedFirst = masked != null && masked.isBefore(deleted);
        Map<String, Object> data = callerData(call);
        data.put("endedAt", call.endedAt());
        data.put("answeredBy", call.answeredBy() == null ? null : call.answeredBy().key());
        return new HeldRecord("call", call.linkedId(), call.lineId(), call.startedAt(),
                "a call to the line, from the call log (call)",
                (maskedFirst ? "the number and name in full until " + numbersKept.toDays() + " days after the call"
                        + " (calllog.numbersKeptDays), then masked; " : "")
                        + "the call until " + retention.toTotalMonths() + " months after it (calllog.retentionMonths)",
                maskedFirst ? masked : deleted, data);
    }

    private static Map<String, Object> callerData(CallRecord call) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("callerNumber", call.callerNumber());
        data.put("callerName", call.callerName());
        data.put("did", call.did());
        data.put("startedAt", call.startedAt());
        return data;
    }

    /** The names that came with the number: other records may hold them (a notice's text). */
    private static Set<String> names(List<CallRecord> held, List<CallerRecords.Quarantined> quarantined) {
        Set<String> names = new LinkedHashSet<>();
        held.forEach(c -> addName(names, c.callerName()));
        quarantined.forEach(q -> addName(names, q.record().callerName()));
        return names;
    }

    private static void addName(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name);
        }
    }

    /** The records of the number waiting in the PBX's spool, read through AMI, to {@code each}. */
    private SpoolState spoolRecords(CallerNumber number, java.util.function.Consumer<HeldRecord> each) {
        Optional<Map<String, String>> records;
        try {
            records = spool.records();
        } catch (RuntimeException e) {
            return new SpoolState(false, "not read: the PBX did not answer (" + e.getMessage() + ")");
        }
        if (records.isEmpty()) {
            return new SpoolState(false, "not read: the PBX is not connected; records of calls waiting there are"
                    + " collected into the call log when it is");
        }
        for (Map.Entry<String, String> e : records.get().entrySet()) {
            SpoolRecord.parse(e.getKey(), e.getValue()).filter(r -> isOf(r, number)).ifPresent(r -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("callerNumber", r.callerNumber());
                data.put("callerName", r.callerName());
                data.put("did", r.did());
                data.put("startedAt", r.startedAt());
                data.put("endedAt", r.endedAt());
                each.accept(new HeldRecord("pbx-spool", r.key(), r.lineId(), r.startedAt(),
                        "a call the dialplan recorded in the PBX (AstDB afterhours-spool) while the service did not"
                                + " see it live; it becomes a call of the call log when collected",
                        "until collected (every 10 s while the PBX is connected), then as a call", null, data));
            });
        }
        return new SpoolState(true, "read through AMI");
    }

    private SpoolState eraseInSpool(CallerNumber number, Map<String, Integer> counts) {
        List<String> changed = new ArrayList<>();
        SpoolState state;
        try {
            Optional<Map<String, String>> records = spool.records();
            if (records.isEmpty()) {
                counts.put("pbx-spool", 0);
                return new SpoolState(false, "not reached: the PBX is not connected; its records of this number are"
                        + " erased when collected (the number is on the erased list)");
            }
            for (Map.Entry<String, String> e : records.get().entrySet()) {
                Optional<SpoolRecord> r = SpoolRecord.parse(e.getKey(), e.getValue());
                if (r.isPresent() && isOf(r.get(), number)) {
                    spool.put(e.getKey(), SpoolRecord.withoutCaller(e.getValue()));
                    changed.add(e.getKey());
                }
            }
            state = new SpoolState(true, changed.size() + " record(s) rewritten without the number and name");
        } catch (RuntimeException e) {
            state = new SpoolState(false, "not completed: the PBX did not answer (" + e.getMessage() + "); its records"
                    + " of this number are erased when collected (the number is on the erased list)");
        }
        counts.put("pbx-spool", changed.size());
        return state;
    }

    private boolean isOf(SpoolRecord r, CallerNumber number) {
        return erasedNumbers.plan().stored(r.callerNumber()).map(n -> n.canonical().equals(number.canonical())).orElse(false);
    }

    private static Instant plus(Instant at, Period period) {
        return at.atZone(ZoneOffset.UTC).plus(period).toInstant();
    }
}
