package afterhours.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import afterhours.audit.AuditLog;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallRetention;
import afterhours.calllog.CallStore;
import afterhours.calllog.CallerPrivacy;
import afterhours.calllog.ErasedNumbers;
import afterhours.calllog.MissedCallScenario;
import afterhours.calllog.NumberPlan;
import afterhours.holidays.HolidayRules;
import afterhours.json.Json;
import afterhours.line.Line;
import afterhours.line.LineStore;
import afterhours.notify.OutboxPersonalData;
import afterhours.schedule.Mode;
import afterhours.store.Database;
import afterhours.support.OffsetClock;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller's rights on a real database (SQLite here, PostgreSQL in {@code afterhours.postgres}): everything held
 * about a number found in each of its stored forms on every line, erased with the statistics left whole, erased on
 * arrival later, erased again after a restore, and numbers masked after {@code numbersKeptDays}.
 */
public abstract class SubjectScenarios {
    protected static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    protected static final Instant NOW = MissedCallScenario.NOW;
    private static final Period RETENTION = Period.ofMonths(13);

    @TempDir
    protected Path keys;

    protected Database db;
    private OffsetClock clock;
    private ErasedNumbers erased;
    private CallStore store;
    private Subjects subjects;
    private final AtomicReference<Map<String, String>> spool = new AtomicReference<>();

    /** A new, empty, migrated database. */
    protected abstract Database open() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = open();
        clock = OffsetClock.startingAt(NOW);
        erased = ErasedNumbers.in(keys, NumberPlan.DEFAULT);
        store = new CallStore(db, clock, new CallerPrivacy(erased, Duration.ofDays(90)));
        subjects = new Subjects(db, erased, new AuditLog(db), RETENTION, Duration.ofDays(90),
                List.of(new OutboxPersonalData()), new PbxSpool() {
                    @Override
                    public java.util.Optional<Map<String, String>> records() {
                        return java.util.Optional.ofNullable(spool.get());
                    }

                    @Override
                    public void put(String key, String value) {
                        spool.get().put(key, value);
                    }
                });
        db.write("lines", c -> {
            LineStore lines = new LineStore(db);
            lines.insert(c, new Line("trygghetscenter", "Trygghetscenter", List.of("0541234567"), STOCKHOLM, "PJSIP/office",
                    "PJSIP/contractor", null, 20, "TC: ", HolidayRules.NONE, 10), NOW);
            lines.insert(c, new Line("patient", "Patient line", List.of("0541234999"), STOCKHOLM, "PJSIP/office2",
                    "PJSIP/contractor", null, 20, "TC: ", HolidayRules.NONE, 10), NOW);
            return null;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private static CallRecord call(String id, String line, String number, Instant start, String tries) {
        return MissedCallScenario.call(id, line, number, start, tries, 25, Mode.OPEN);
    }

    /** One person's calls in every stored form on both lines, another caller's, a withheld one, a quarantined record and a note. */
    private void aCallerInEveryForm() {
        Instant t = NOW.minus(Duration.ofDays(3));
        store.write(List.of(
                call("a.1", "trygghetscenter", "0701234567", t, "office:NOANSWER/contractor:BUSY"),
                call("a.2", "patient", "+46701234567", t.plusSeconds(600), "office:ANSWER"),
                call("a.3", "trygghetscenter", "0046701234567", t.plusSeconds(1200), "office:ANSWER"),
                call("b.1", "trygghetscenter", "0709999999", t.plusSeconds(1800), "office:NOANSWER/contractor:BUSY"),
                call("w.1", "trygghetscenter", null, t.plusSeconds(2400), "office:ANSWER")));
        store.quarantine(call("a.4", "trygghetscenter", "46701234567", t.plusSeconds(3000), "office:ANSWER"),
                "refused for the test");
        db.write("a note and two notices", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE missed_call SET note = ? WHERE linkedid IN ('a.1', 'b.1')")) {
                ps.setString(1, "Rang back, she is fine");
                ps.executeUpdate();
            }
            c.createStatement().executeUpdate("INSERT INTO notify_recipient (line_id, name, channel, address, secret, language,"
                    + " events, down_minutes, created_at, numbers) VALUES ('trygghetscenter', 'Reception', 'email',"
                    + " 'reception@center.example', NULL, 'en', 'missed', 10, 0, 'full')");
            long recipient;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT MAX(id) FROM notify_recipient")) {
                rs.next();
                recipient = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_outbox (delivery_id, recipient_id, line_id, event,"
                    + " subject, body, payload, created_at, status, attempts, next_attempt_at) VALUES (?,?,?,?,?,?,?,?,?,0,?)")) {
                String[][] notices = {
                    {"d.1", "missed", "Trygghetscenter: missed call 16:50", "- 16:50 from 0701234567 (Caller a.1), rang 25 s.",
                        "{\"calls\":[{\"callerNumber\":\"0701234567\",\"callerName\":\"Caller a.1\"}]}", "pending"},
                    {"d.2", "missed", "Trygghetscenter: missed call 17:20", "- 17:20 from 0709999999 (Caller b.1), rang 25 s.",
                        "{\"calls\":[{\"callerNumber\":\"0709999999\"}]}", "sent"}};
                for (String[] n : notices) {
                    ps.setString(1, n[0]);
                    ps.setLong(2, recipient);
                    ps.setString(3, "trygghetscenter");
                    ps.setString(4, n[1]);
                    ps.setString(5, n[2]);
                    ps.setString(6, n[3]);
                    ps.setString(7, n[4]);
                    ps.setLong(8, NOW.toEpochMilli());
                    ps.setString(9, n[5]);
                    ps.setLong(10, NOW.toEpochMilli());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private String stats() {
        return Json.write(store.stats(CallFilter.all(), STOCKHOLM));
    }

    @Test
    void accessFindsTheNumberInEveryStoredFormOnEveryLineWithWhatEachRecordIsAndHowLongItIsKept() {
        aCallerInEveryForm();
        spool.set(new java.util.HashMap<>(Map.of(
                "1764250000.1", "1|trygghetscenter|0541234567|1764250000.1|%2B46701234567|Anna|1764250000|1764250030|agi|office|office:NOANSWER|0|16",
                "1764250000.2", "1|trygghetscenter|0541234567|1764250000.2|0709999999|Bo|1764250000|1764250030|agi|office|office:NOANSWER|0|16")));

        Subjects.Document d = subjects.export(subjects.number("070-123 45 67", "number"), "admin", NOW);

        assertThat(d.counts()).containsEntry("call", 3).containsEntry("quarantined-call", 1).containsEntry("call-back-note", 1)
                .containsEntry("outbox-message", 1).containsEntry("pbx-spool", 1);
        assertThat(d.records()).filteredOn(r -> r.kind().equals("outbox-message")).singleElement().satisfies(r -> {
            assertThat(r.data()).containsEntry("status", "pending");
            assertThat(r.kept()).startsWith("until sent");
        });
        assertThat(d.spool().read()).isTrue();
        assertThat(d.records()).extracting(HeldRecord::id).contains("a.1", "a.2", "a.3", "1764250000.1")
                .doesNotContain("b.1", "w.1", "1764250000.2");
        HeldRecord first = d.records().get(0);
        assertThat(first.data()).containsEntry("callerNumber", "0701234567").containsEntry("callerName", "Caller a.1");
        assertThat(first.keptUntil()).as("the number is masked 90 days after the call")
                .isEqualTo(first.at().plus(Duration.ofDays(90)));
        assertThat(first.kept()).contains("90 days", "13 months");
        assertThat(d.records()).filteredOn(r -> r.kind().equals("call-back-note")).singleElement()
                .satisfies(r -> assertThat(r.data()).containsEntry("note", "Rang back, she is fine"));

        // the read is audited with the number masked, never in full
        assertThat(new AuditLog(db).recent(1)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(Subjects.EXPORTED);
            assertThat(e.after()).contains("+4670123xxxx", "\"records\":7").doesNotContain("701234567");
        });
        spool.set(null);
        Subjects.Document unreached = subjects.export(subjects.number("0701234567", "number"), "admin", NOW);
        assertThat(unreached.spool().read()).isFalse();
        assertThat(unreached.spool().note()).contains("not connected");
    }

    @Test
    void erasureRemovesTheNumberAndNameEverywhereKeepsTheStatisticsAndIsAuditedWithoutTheNumber() {
        aCallerInEveryForm();
        spool.set(new java.util.HashMap<>(Map.of(
                "1764250000.1", "1|trygghetscenter|0541234567|1764250000.1|0701234567|Anna|1764250000|1764250030|agi|office|office:NOANSWER|0|16",
                "1764250000.3", "2|patient|0541234999|1764250000.3|0046701234567|Anna|1764250000|1764250030|agi|office|office:ANSWER|30|16"
                        + "|OPEN|REGULAR_HOURS")));
        String before = stats();
        int missedBefore = store.missed().summary("trygghetscenter", NOW.minus(Duration.ofDays(14))).total();

        Subjects.Erasure e = subjects.erase(subjects.number("+46701234567", "number"), "admin",
                "art. 17 request of 2026-11-27, caller 0701234567", NOW);

        assertThat(e.erased()).containsEntry("call", 3).containsEntry("quarantined-call", 1).containsEntry("call-back-note", 1)
                .containsEntry("outbox-message", 1).containsEntry("pbx-spool", 2);
        assertThat(stats()).as("the calls stay: only who made them goes").isEqualTo(before);
        assertThat(store.missed().summary("trygghetscenter", NOW.minus(Duration.ofDays(14))).total()).isEqualTo(missedBefore);
        for (String id : List.of("a.1", "a.2", "a.3")) {
            CallRecord kept = store.find(id).orElseThrow();
            assertThat(kept.callerNumber()).isNull();
            assertThat(kept.callerName()).isNull();
        }
        assertThat(store.find("b.1").orElseThrow().callerNumber()).isEqualTo("0709999999");
        assertThat(spool.get().get("1764250000.1")).isEqualTo(
                "1|trygghetscenter|0541234567|1764250000.1|||1764250000|1764250030|agi|office|office:NOANSWER|0|16");
        assertThat(spool.get().get("1764250000.3")).isEqualTo(
                "2|patient|0541234999|1764250000.3|||1764250000|1764250030|agi|office|office:ANSWER|30|16|OPEN|REGULAR_HOURS");
        assertThat(everyText()).doesNotContain("701234567", "Caller a.").contains("0709999999", "Caller b.1", "Rang back",
                "- 16:50 from [erased] ([erased]), rang 25 s.", "{\"callerNumber\":\"[erased]\",\"callerName\":\"[erased]\"}");
        assertThat(subjects.export(subjects.number("0701234567", "number"), "admin", NOW).records()).isEmpty();

        assertThat(new AuditLog(db).recent(5)).filteredOn(a -> a.action().equals(Subjects.ERASED)).singleElement()
                .satisfies(a -> {
                    assertThat(a.actor()).isEqualTo("admin");
                    assertThat(a.after()).contains("+4670123xxxx", "\"records\":6", "art. 17 request", "070123xxxx")
                            .doesNotContain("1234567");
                });
        assertThatThrownBy(() -> subjects.erase(subjects.number("0701234567", "number"), "admin", " ", NOW))
                .isInstanceOfSatisfying(InvalidField.class, x -> assertThat(x.rule()).isEqualTo(Rule.REQUIRED));
    }

    /** Every text column of the tables that may hold a caller, the audit trail among them. */
    private String everyText() {
        return db.read("everything", c -> {
            StringBuilder all = new StringBuilder();
            for (String q : List.of("SELECT linkedid, caller_number, caller_name FROM call", "SELECT record FROM call_quarantine",
                    "SELECT note FROM missed_call", "SELECT before, after FROM audit",
                    "SELECT subject, body, payload FROM notify_outbox")) {
                try (ResultSet rs = c.createStatement().executeQuery(q)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            all.append(rs.getString(i)).append('|');
                        }
                    }
                }
            }
            return all.toString();
        });
    }

    @Test
    void aCallOfAnErasedNumberThatArrivesLaterIsErasedOnArrivalLiveFromTheSpoolOrInTheQuarantine() {
        subjects.erase(subjects.number("0701234567", "number"), "admin", "request", NOW);
        Instant t = NOW.minus(Duration.ofMinutes(5));
        CallRecord live = call("late.1", "trygghetscenter", "+46701234567", t, "office:ANSWER");
        store.write(List.of(live, call("other.1", "trygghetscenter", "0708888888", t, "office:ANSWER")));
        List<CallRecord> spooled = store.writeSpooled(List.of(call("late.2", "patient", "0046701234567", t, "office:NOANSWER")));
        store.quarantine(call("late.3", "patient", "0701234567", t, "office:ANSWER"), "refused");

        assertThat(store.find("late.1").orElseThrow().callerNumber()).isNull();
        assertThat(store.find("late.1").orElseThrow().callerName()).isNull();
        assertThat(store.find("late.2").orElseThrow().callerNumber()).isNull();
        assertThat(spooled).singleElement().satisfies(r -> assertThat(r.callerNumber()).isNull());
        assertThat(store.find("other.1").orElseThrow().callerNumber()).isEqualTo("0708888888");
        assertThat(everyText()).doesNotContain("701234567", "Caller late");
    }

    @Test
    void aRestoredOlderDatabaseGetsTheErasuresMadeSinceAppliedAgainFromTheListBesideTheKey() {
        aCallerInEveryForm();
        subjects.erase(subjects.number("0701234567", "number"), "admin", "request", NOW);
        assertThat(erased.listFile()).exists();
        assertThat(ErasedNumbers.count(db)).isEqualTo(1);
        // the database as an older backup has it: the calls with the number, no erasure listed
        db.write("as before the erasure", c -> {
            c.createStatement().executeUpdate("DELETE FROM erased_number");
            c.createStatement().executeUpdate("UPDATE call SET caller_number = '0701234567', caller_name = 'Anna'"
                    + " WHERE linkedid IN ('a.1', 'a.2')");
            return null;
        });

        assertThat(subjects.reapply(NOW.plusSeconds(60))).isEqualTo(1);
        assertThat(store.find("a.1").orElseThrow().callerNumber()).isNull();
        assertThat(store.find("a.2").orElseThrow().callerName()).isNull();
        assertThat(ErasedNumbers.count(db)).isEqualTo(1);
        assertThat(subjects.reapply(NOW.plusSeconds(120))).as("once is enough").isZero();
        // and a later arrival is erased again
        store.write(List.of(call("late.1", "trygghetscenter", "0701234567", NOW, "office:ANSWER")));
        assertThat(store.find("late.1").orElseThrow().callerNumber()).isNull();
        assertThat(new AuditLog(db).recent(1).get(0).actor()).isEqualTo(Subjects.RESTORE_ACTOR);
    }

    @Test
    void numbersAreMaskedAfterNumbersKeptDaysInChunksWithTheStatisticsIdentical() {
        List<CallRecord> calls = new ArrayList<>();
        Instant first = NOW.minus(Duration.ofDays(120));
        for (int i = 0; i < 240; i++) {   // one call every 12 hours for 120 days
            calls.add(call(String.format("k.%03d", i), i % 3 == 0 ? "patient" : "trygghetscenter", "07012" + String.format("%05d", i),
                    first.plus(Duration.ofHours(12L * i)), i % 2 == 0 ? "office:ANSWER" : "office:NOANSWER/contractor:BUSY"));
        }
        new CallStore(db, clock).write(calls);   // stored as they were, before the masking existed
        String before = stats();
        List<Integer> masked = new ArrayList<>();
        CallRetention retention = new CallRetention(store, RETENTION, Duration.ofDays(90), erased, clock, masked::add);

        // the night after: the 30 days beyond the 90 are masked, 7 calls per transaction
        assertThat(store.maskNumbersBefore(NOW.minus(Duration.ofDays(90)), 7)).isEqualTo(60);
        assertThat(stats()).isEqualTo(before);
        assertThat(store.find("k.000").orElseThrow().callerNumber()).isEqualTo("070120xxxx");
        assertThat(store.find("k.000").orElseThrow().callerName()).isNull();
        assertThat(store.find("k.059").orElseThrow().callerNumber()).endsWith("xxxx");
        assertThat(store.find("k.060").orElseThrow().callerNumber()).isEqualTo("0701200060");
        assertThat(store.find("k.060").orElseThrow().callerName()).isEqualTo("Caller k.060");

        // ten days later, with the nightly retention: only the calls that became 90 days old since
        clock.jumpTo(NOW.plus(Duration.ofDays(10)).minusSeconds(60));   // the clock runs on from there
        retention.run();
        assertThat(masked).containsExactly(20);
        assertThat(stats()).isEqualTo(before);
        assertThat(store.find("k.079").orElseThrow().callerNumber()).endsWith("xxxx");
        assertThat(store.find("k.080").orElseThrow().callerNumber()).isEqualTo("0701200080");
        assertThat(store.maskNumbersBefore(clock.instant().minus(Duration.ofDays(90)))).as("nothing twice").isZero();

        // a call older than 90 days that arrives late (from the spool) is masked on arrival
        store.writeSpooled(List.of(call("late.old", "trygghetscenter", "0701299999", NOW.minus(Duration.ofDays(100)),
                "office:ANSWER")));
        assertThat(store.find("late.old").orElseThrow().callerNumber()).isEqualTo("070129xxxx");
        assertThat(everyText()).doesNotContain("Caller k.000", "0701200000");
    }

    @Test
    void withNumbersKeptDaysZeroEveryNumberIsMaskedFromTheStart() {
        CallStore masking = new CallStore(db, clock, new CallerPrivacy(erased, Duration.ZERO));
        masking.write(List.of(call("z.1", "trygghetscenter", "0701234567", NOW.minusSeconds(30), "office:ANSWER")));
        assertThat(masking.find("z.1").orElseThrow().callerNumber()).isEqualTo("070123xxxx");
        assertThat(masking.find("z.1").orElseThrow().callerName()).isNull();
    }

    @Test
    void theListForgetsNumbersAfterTheRetentionPeriod() {
        subjects.erase(subjects.number("0701234567", "number"), "admin", "request", NOW);
        CallRetention retention = new CallRetention(store, RETENTION, Duration.ofDays(90), erased, clock, n -> { });
        clock.jumpTo(NOW.plus(Duration.ofDays(400)));
        retention.purge();
        assertThat(ErasedNumbers.count(db)).isZero();
        assertThat(erased.listFile()).content().doesNotContainPattern("[0-9a-f]{64}");
    }

    @Test
    void aBadNumberIsRefusedAndChangesNothing() {
        aCallerInEveryForm();
        String before = everyText();
        assertThatThrownBy(() -> subjects.number("070-12x", "number")).isInstanceOfSatisfying(InvalidField.class,
                e -> assertThat(e.rule()).isEqualTo(Rule.CALLER_NUMBER));
        assertThat(everyText()).isEqualTo(before);
    }
}
