package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import afterhours.schedule.Mode;
import afterhours.store.Database;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallQueryTest {
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    @TempDir
    Path dir;

    private CallStore store;

    @BeforeEach
    void open() {
        store = new CallStore(Database.open(dir.resolve("q.db")));
    }

    static CallRecord call(String id, String line, String startedAt, Mode mode, String route, String answeredBy,
                           String caller, String name, Double ring) {
        Instant start = Instant.parse(startedAt);
        boolean answered = !answeredBy.equals(Answerer.NOBODY.key());
        return new CallRecord(id, line, "0541234567", caller, name, start, mode, mode == Mode.OPEN ? "REGULAR_HOURS"
                : "OUTSIDE_HOURS", DecidedBy.AGI, CallRoute.of(route), List.of(new Attempt(route.equals("office")
                ? Target.OFFICE : Target.CONTRACTOR, "x", answered ? "ANSWER" : "NOANSWER", start,
                start.plusSeconds(ring.longValue()))), Answerer.of(answeredBy),
                answered ? start.plusSeconds(ring.longValue()) : null, start.plusSeconds(60), ring,
                answered ? 60 - ring : null, 16, "Normal Clearing", CallStatus.COMPLETE);
    }

    @Test
    void filtersByEveryFieldNewestFirst() {
        store.write(List.of(
                call("1.1", "center", "2026-11-25T09:30:00Z", Mode.OPEN, "office", "office", "0701", "A", 5.0),
                call("1.2", "center", "2026-11-25T15:30:00Z", Mode.FORWARDED, "contractor", "contractor", "0702", "B", 8.0),
                call("1.3", "center", "2026-11-26T10:00:00Z", Mode.OPEN, "overflow", "nobody", "0701", "C", 25.0),
                call("1.4", "other", "2026-11-25T12:00:00Z", Mode.OPEN, "office", "office", "0703", "D", 3.0)));
        assertThat(ids(new CallFilter("center", null, null, null, null, null, null))).containsExactly("1.3", "1.2", "1.1");
        assertThat(ids(new CallFilter("center", Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"),
                null, null, null, null))).containsExactly("1.2", "1.1");
        assertThat(ids(new CallFilter(null, null, null, Mode.FORWARDED, null, null, null))).containsExactly("1.2");
        assertThat(ids(new CallFilter(null, null, null, null, CallRoute.OVERFLOW, null, null))).containsExactly("1.3");
        assertThat(ids(new CallFilter(null, null, null, null, null, false, null))).containsExactly("1.3");
        assertThat(ids(new CallFilter(null, null, null, null, null, true, "0701"))).containsExactly("1.1");
    }

    @Test
    void keysetPagesVisitEveryCallOnceEvenWithEqualStartTimes() {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < 53; i++) {
            // three calls share each start second
            calls.add(call("9." + i, "center", Instant.parse("2026-11-25T09:00:00Z").plusSeconds(i / 3).toString(), Mode.OPEN,
                    "office", "office", "07" + i, "N", 4.0));
        }
        store.write(calls);
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            CallPage page = store.page(CallFilter.all(), cursor, 10);
            page.calls().forEach(c -> {
                assertThat(seen.add(c.linkedId())).as("seen once: %s", c.linkedId()).isTrue();
                order.add(c.startedAt() + c.linkedId());
            });
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(53);
        assertThat(pages).isEqualTo(6);
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertThat(order).isEqualTo(sorted);
    }

    @Test
    void aForgedCursorIsRefused() {
        assertThatThrownBy(() -> store.page(CallFilter.all(), "'; DROP TABLE call; --", 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cursor: not a cursor from a previous page");
    }

    @Test
    void csvEscapesHostileCallerNamesAndMasksNumbers() {
        store.write(List.of(
                call("2.1", "center", "2026-11-25T09:30:00Z", Mode.OPEN, "office", "office", "0701234567",
                        "=HYPERLINK(\"http://evil\",\"x\")", 5.0),
                call("2.2", "center", "2026-11-25T09:31:00Z", Mode.OPEN, "office", "office", "+46701234567",
                        "Smith, \"Jo\"\nsecond line", 5.0),
                call("2.3", "center", "2026-11-25T09:32:00Z", Mode.OPEN, "office", "office", null, "@SUM(A1)", 5.0)));
        StringWriter out = new StringWriter();
        CsvExport csv = new CsvExport(out, STOCKHOLM, 4);
        csv.header();
        store.stream(CallFilter.all(), csv::row);
        String[] rows = out.toString().split("\r\n(?=[0-9]|call_id)");
        assertThat(rows[0]).isEqualTo(CsvExport.HEADER);
        assertThat(rows[1]).startsWith("2.3,center,0541234567,,'@SUM(A1),2026-11-25T10:32:00+01:00,OPEN,");
        assertThat(rows[2]).startsWith("2.2,center,0541234567,'+4670123xxxx,\"Smith, \"\"Jo\"\"\nsecond line\",");
        assertThat(rows[3]).startsWith("2.1,center,0541234567,070123xxxx,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",");
        assertThat(rows[3].strip()).endsWith(",office,office,2026-11-25T10:30:05+01:00,2026-11-25T10:31:00+01:00,5.000,55.000,16,Normal Clearing,COMPLETE");
    }

    @Test
    void statisticsByHourWeekdayAndDayInTheLinesZone() {
        store.write(List.of(
                // Wednesday 25 Nov 2026, 10:30 and 16:30 in Stockholm (UTC+1)
                call("3.1", "center", "2026-11-25T09:30:00Z", Mode.OPEN, "office", "office", "1", "A", 4.0),
                call("3.2", "center", "2026-11-25T15:30:00Z", Mode.FORWARDED, "contractor", "contractor", "2", "B", 10.0),
                call("3.3", "center", "2026-11-25T15:45:00Z", Mode.FORWARDED, "contractor", "nobody", "3", "C", 20.0),
                // Sunday 29 March 2026, 03:30 CEST: just after the spring-forward gap
                call("3.4", "center", "2026-03-29T01:30:00Z", Mode.FORWARDED, "contractor", "contractor", "4", "D", 6.0)));
        CallStats.Result s = store.stats(new CallFilter("center", null, null, null, null, null, null), STOCKHOLM);
        assertThat(s.total()).isEqualTo(4);
        assertThat(s.answered()).isEqualTo(3);
        assertThat(s.unanswered()).isEqualTo(1);
        assertThat(s.forwarded()).isEqualTo(3);
        assertThat(s.shareForwarded()).isEqualTo(0.75);
        assertThat(s.medianRingSeconds()).isEqualTo(8.0);
        assertThat(s.byHour()[10].open).isEqualTo(1);
        assertThat(s.byHour()[16].forwarded).isEqualTo(2);
        assertThat(s.byHour()[16].unanswered).isEqualTo(1);
        assertThat(s.byHour()[3].total).isEqualTo(1);
        assertThat(s.byWeekday().get(DayOfWeek.WEDNESDAY).total).isEqualTo(3);
        assertThat(s.byWeekday().get(DayOfWeek.SUNDAY).forwarded).isEqualTo(1);
        assertThat(s.byDay()).containsOnlyKeys(LocalDate.parse("2026-03-29"), LocalDate.parse("2026-11-25"));
        assertThat(s.byDay().get(LocalDate.parse("2026-11-25")).answered).isEqualTo(2);
    }

    @Test
    void retentionDeletesOnlyWhatIsOlder() {
        store.write(List.of(
                call("4.1", "center", "2025-09-30T09:00:00Z", Mode.OPEN, "office", "office", "1", "A", 4.0),
                call("4.2", "center", "2025-11-01T09:00:00Z", Mode.OPEN, "office", "office", "2", "B", 4.0)));
        store.recordGap(Instant.parse("2025-09-01T00:00:00Z"), Instant.parse("2025-09-01T00:05:00Z"));
        assertThat(store.purgeBefore(Instant.parse("2025-10-25T00:00:00Z"))).isEqualTo(1);
        assertThat(ids(CallFilter.all())).containsExactly("4.2");
        assertThat(store.gaps(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aFinishedRecordIsNeverOverwrittenByALaterPartialOne() {
        CallRecord done = call("5.1", "center", "2026-11-25T09:30:00Z", Mode.OPEN, "office", "office", "1", "A", 4.0);
        store.write(List.of(done));
        CallRecord partial = new CallRecord("5.1", "center", null, null, null, Instant.parse("2026-11-25T09:31:00Z"), null,
                null, null, null, List.of(), Answerer.NOBODY, null, null, null, null, null, null, CallStatus.END_UNKNOWN);
        store.write(List.of(partial));
        assertThat(store.find("5.1")).contains(done);
    }

    private List<String> ids(CallFilter f) {
        List<String> out = new ArrayList<>();
        store.stream(f, c -> out.add(c.linkedId()));
        return out;
    }
}
