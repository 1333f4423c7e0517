package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.holidays.HolidayRules;
import afterhours.line.Line;
import afterhours.line.LineStore;
import afterhours.schedule.Mode;
import afterhours.store.Database;
import java.sql.PreparedStatement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The missed-call store through the call log's own writes, the same on SQLite and PostgreSQL: which calls
 * become entries (with each line's own threshold), the list newest first with its head figures, a later
 * answered call from the same number, marks, claims for the notices, statistics, retention and the one-off
 * judging of older calls.
 */
public final class MissedCallScenario {
    public static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    /** Friday 27 November 2026, 14:00 in Stockholm. */
    public static final Instant NOW = Instant.parse("2026-11-27T13:00:00Z");

    private MissedCallScenario() {
    }

    /** A complete call on {@code line} from {@code number} at {@code start}: {@code tries} as in {@link MissedCallTest}. */
    public static CallRecord call(String id, String line, String number, Instant start, String tries, double ring, Mode mode) {
        CallRecord c = MissedCallTest.call(tries, ring, CallStatus.COMPLETE);
        return new CallRecord(id, line, c.did(), number, number == null ? null : "Caller " + id, start, mode, c.reason(),
                c.decidedBy(), c.route(), c.attempts().stream().map(a -> new Attempt(a.target(), a.dialString(), a.status(),
                start, start.plusMillis((long) (ring * 1000)))).toList(), c.answeredBy(),
                c.answeredAt() == null ? null : start.plusSeconds(24), start.plusSeconds((long) ring + 1), c.ringSeconds(),
                c.talkSeconds(), c.hangupCause(), c.hangupText(), c.status());
    }

    /**
     * Friday 27 November 2026 on the sample line, as the call-back list tests read it: 10:05 the office rang out
     * and the contractor was busy (0701234567, waiting); 10:40 a caller gave up after 15 s (0702345678) and
     * got through at 11:15; 11:30 one hung up after 2 s (not missed); 12:20 a withheld number rang out.
     */
    public static void aMorning(CallStore store) {
        store.write(List.of(
                call("m.1", "trygghetscenter", "0701234567", local("10:05"), "office:NOANSWER/contractor:BUSY", 25, Mode.OPEN),
                call("m.2", "trygghetscenter", "0702345678", local("10:40"), "office:CANCEL", 15, Mode.OPEN),
                call("m.3", "trygghetscenter", "0702345678", local("11:15"), "office:ANSWER", 6, Mode.OPEN),
                call("m.4", "trygghetscenter", "0703456789", local("11:30"), "office:CANCEL", 2, Mode.OPEN),
                call("m.5", "trygghetscenter", null, local("12:20"), "office:NOANSWER/contractor:BUSY", 25, Mode.OPEN)));
    }

    private static Instant local(String hhmm) {
        return java.time.LocalDateTime.parse("2026-11-27T" + hhmm).atZone(STOCKHOLM).toInstant();
    }

    public static void run(Database db) {
        db.write("lines", c -> {
            LineStore lines = new LineStore(db);
            lines.insert(c, new Line("trygghetscenter", "Trygghetscenter", List.of("0541234567"), STOCKHOLM, "PJSIP/office",
                    "PJSIP/contractor", null, 20, "TC: ", HolidayRules.NONE, 10), NOW);
            lines.insert(c, new Line("patient", "Patient line", List.of("0541234999"), STOCKHOLM, "PJSIP/office2",
                    "PJSIP/contractor", null, 20, "TC: ", HolidayRules.NONE, 20), NOW);
            return null;
        });
        CallStore store = new CallStore(db, java.time.Clock.fixed(NOW, STOCKHOLM));
        List<MissedCallEntry> told = new ArrayList<>();
        store.onMissed(told::add);
        Instant t = NOW.minus(Duration.ofHours(5));   // 09:00 in Stockholm
        store.write(List.of(
                call("m.1", "trygghetscenter", "0701000001", t, "office:NOANSWER/contractor:BUSY", 25, Mode.OPEN),
                call("m.2", "trygghetscenter", "0701000002", t.plusSeconds(60), "office:CANCEL", 2, Mode.OPEN),
                call("m.3", "trygghetscenter", "0701000003", t.plusSeconds(120), "office:CANCEL", 15, Mode.OPEN),
                call("m.4", "trygghetscenter", "0701000004", t.plusSeconds(180), "office:ANSWER", 5, Mode.OPEN),
                call("m.5", "patient", "0701000005", t.plusSeconds(240), "office:CANCEL", 15, Mode.OPEN),
                call("m.6", "trygghetscenter", null, t.plusSeconds(300), "contractor:BUSY", 0, Mode.FORWARDED),
                // the caller of m.3 tries again an hour later and gets through
                call("m.7", "trygghetscenter", "0701000003", t.plusSeconds(3600), "office:ANSWER", 4, Mode.OPEN),
                // an old one, outside the list's 14 days
                call("m.8", "trygghetscenter", "0701000008", NOW.minus(Duration.ofDays(15)), "contractor:BUSY", 0,
                        Mode.FORWARDED)));
        assertThat(told).extracting(MissedCallEntry::linkedId).containsExactlyInAnyOrder("m.1", "m.3", "m.6", "m.8");
        assertThat(told).allSatisfy(e -> assertThat(e.source()).isEqualTo(MissedCallEntry.Source.LIVE));

        // written again (a second instance, a replay): no second entry, nobody told twice
        store.write(List.of(call("m.1", "trygghetscenter", "0701000001", t, "office:NOANSWER/contractor:BUSY", 25, Mode.OPEN)));
        // the spool brings one the live view did not see
        store.writeSpooled(List.of(call("s.1", "trygghetscenter", "0701000009", t.plusSeconds(400), "contractor:NOANSWER", 30,
                Mode.FORWARDED)));
        assertThat(told).extracting(MissedCallEntry::linkedId).containsExactlyInAnyOrder("m.1", "m.3", "m.6", "m.8", "s.1");
        assertThat(told.get(told.size() - 1).source()).isEqualTo(MissedCallEntry.Source.SPOOL);

        MissedCallStore missed = store.missed();
        Instant from = NOW.minus(Duration.ofDays(MissedCallStore.LIST_DAYS));
        MissedCallStore.Page page = missed.list("trygghetscenter", from, null, 10);
        assertThat(page.calls()).extracting(MissedCallEntry::linkedId).containsExactly("s.1", "m.6", "m.3", "m.1");
        assertThat(page.next()).isNull();
        Map<String, MissedCallEntry> byId = new java.util.HashMap<>();
        page.calls().forEach(e -> byId.put(e.linkedId(), e));
        assertThat(byId.get("m.1").why()).isEqualTo(MissedCall.Why.NOBODY_REACHED);
        assertThat(byId.get("m.1").state()).isEqualTo(MissedCallEntry.State.WAITING);
        assertThat(byId.get("m.1").call().callerNumber()).isEqualTo("0701000001");
        assertThat(byId.get("m.3").why()).isEqualTo(MissedCall.Why.CALLER_GAVE_UP);
        assertThat(byId.get("m.3").state()).isEqualTo(MissedCallEntry.State.ANSWERED_LATER);
        assertThat(byId.get("m.3").answeredLaterAt()).isEqualTo(t.plusSeconds(3600));
        assertThat(byId.get("m.6").state()).isEqualTo(MissedCallEntry.State.WITHHELD);
        assertThat(byId.get("s.1").source()).isEqualTo(MissedCallEntry.Source.SPOOL);
        MissedCallStore.Summary summary = missed.summary("trygghetscenter", from);
        assertThat(summary).isEqualTo(new MissedCallStore.Summary(4, 2, t));

        // pages of two, by the cursor
        MissedCallStore.Page first = missed.list("trygghetscenter", from, null, 2);
        assertThat(first.calls()).extracting(MissedCallEntry::linkedId).containsExactly("s.1", "m.6");
        assertThat(missed.list("trygghetscenter", from, first.next(), 2).calls()).extracting(MissedCallEntry::linkedId)
                .containsExactly("m.3", "m.1");

        // the reception calls m.1 back: it no longer waits; s.1 is now the oldest waiting
        CallBack back = CallBack.checked("called-back", t.plusSeconds(1800), "All fine", "rita", NOW, t.plusSeconds(26),
                STOCKHOLM);
        db.write("mark", c -> missed.mark(c, "trygghetscenter", "m.1", back));
        assertThat(missed.find("trygghetscenter", "m.1").orElseThrow().callBack()).isEqualTo(back);
        assertThat(missed.find("trygghetscenter", "m.1").orElseThrow().state()).isEqualTo(MissedCallEntry.State.CALLED_BACK);
        assertThat(missed.summary("trygghetscenter", from)).isEqualTo(new MissedCallStore.Summary(4, 1, t.plusSeconds(400)));
        assertThat(missed.find("patient", "m.1")).as("another line's call").isEmpty();

        // the statistics: missed calls by weekday and hour in the line's zone, their share, open and forwarded,
        // and the median time from the call's end to the call-back
        CallStats.Missed stats = store.stats(new CallFilter("trygghetscenter", from, NOW, null, null, null, null), STOCKHOLM)
                .missed();
        assertThat(stats.total()).isEqualTo(4);
        assertThat(stats.share()).isEqualTo(4 / 7.0);
        assertThat(stats.open()).isEqualTo(2);
        assertThat(stats.forwarded()).isEqualTo(2);
        assertThat(stats.byWeekdayAndHour().get(DayOfWeek.FRIDAY)[9]).isEqualTo(4);
        assertThat(stats.calledBack()).isEqualTo(1);
        assertThat(stats.medianCallBackSeconds()).isEqualTo(1800 - 26.0);
        assertThat(store.stats(new CallFilter("trygghetscenter", from, NOW, Mode.FORWARDED, null, null, null), STOCKHOLM)
                .missed().total()).isEqualTo(2);
        assertThat(store.stats(new CallFilter("trygghetscenter", from, NOW, null, CallRoute.OFFICE, true, null), STOCKHOLM)
                .missed().total()).as("answered calls only").isZero();
        assertThat(store.stats(new CallFilter("trygghetscenter", from, NOW, null, null, null, "0701000003"), STOCKHOLM)
                .missed().total()).isEqualTo(1);

        // the notices claim each untold call once, whoever asks first
        List<MissedCallEntry> claimed = db.write("claim", c -> missed.claimUntold(c, "trygghetscenter", NOW));
        assertThat(claimed).extracting(MissedCallEntry::linkedId).containsExactly("m.8", "m.1", "m.3", "m.6", "s.1");
        List<MissedCallEntry> again = db.write("claim again", c -> missed.claimUntold(c, "trygghetscenter", NOW));
        assertThat(again).isEmpty();
        assertThat(missed.linesToTell(NOW)).as("the other line's caller hung up before its 20 s").isEmpty();

        // retention: the entries go with their calls
        store.purgeBefore(NOW.minus(Duration.ofDays(14)));
        assertThat(missed.find("trygghetscenter", "m.8")).isEmpty();

        // calls an older version stored are judged once, counted as told
        store.write(List.of(call("o.1", "trygghetscenter", "0701000010", t.minusSeconds(600), "contractor:BUSY", 0,
                Mode.FORWARDED)));
        db.write("forget", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM missed_call WHERE linkedid IN ('o.1', 'm.3')")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM missed_backfill")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO missed_backfill (id, before_at) VALUES (1, ?)")) {
                ps.setLong(1, NOW.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        assertThat(missed.backfillPending()).isTrue();
        assertThat(missed.backfill(NOW, () -> true)).isEqualTo(2);
        assertThat(missed.backfillPending()).isFalse();
        MissedCallEntry old = missed.find("trygghetscenter", "o.1").orElseThrow();
        assertThat(old.source()).isEqualTo(MissedCallEntry.Source.BACKFILL);
        assertThat(old.toldAt()).isEqualTo(NOW);
        assertThat(missed.find("trygghetscenter", "m.3").orElseThrow().why()).isEqualTo(MissedCall.Why.CALLER_GAVE_UP);
    }
}
