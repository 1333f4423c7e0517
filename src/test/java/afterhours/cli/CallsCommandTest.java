package afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.calllog.CallQueryTestData;
import afterhours.calllog.CallStore;
import afterhours.json.Json;
import afterhours.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallsCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void seed() {
        cli = new Cli(dir).migrated(NOW);
        CallQueryTestData.twoCallsOn25November(new CallStore(Database.open(dir.resolve("cli.db"))));
    }

    @Test
    void csvExportWithMaskedNumbers() {
        Cli.Result r = cli.run(NOW, "calls", "--line", "trygghetscenter", "--from", "2026-11-25", "--to", "2026-11-25",
                "--format", "csv", "--mask");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().split("\r\n")).containsExactly(
                "call_id,line,did,caller_number,caller_name,started_at,mode,reason,decided_by,route,answered_by,answered_at,"
                        + "ended_at,ring_seconds,talk_seconds,hangup_cause,hangup_text,status",
                "7.2,trygghetscenter,0541234567,070222xxxx,B,2026-11-25T16:30:00+01:00,FORWARDED,OUTSIDE_HOURS,agi,"
                        + "contractor,contractor,2026-11-25T16:30:08+01:00,2026-11-25T16:31:00+01:00,8.000,52.000,16,Normal Clearing,COMPLETE",
                "7.1,trygghetscenter,0541234567,070111xxxx,A,2026-11-25T10:30:00+01:00,OPEN,REGULAR_HOURS,agi,"
                        + "office,office,2026-11-25T10:30:05+01:00,2026-11-25T10:31:00+01:00,5.000,55.000,16,Normal Clearing,COMPLETE");
    }

    @Test
    void jsonLinesFilteredByRoute() throws Exception {
        Cli.Result r = cli.run(NOW, "calls", "--line", "trygghetscenter", "--from", "2026-11-01", "--to", "2026-11-30",
                "--route", "office");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode call = Json.MAPPER.readTree(r.out());
        assertThat(call.get("callId").asText()).isEqualTo("7.1");
        assertThat(call.get("callerNumber").asText()).isEqualTo("0701112222");
        assertThat(call.get("startedAt").asText()).isEqualTo("2026-11-25T10:30:00+01:00");
        assertThat(call.get("attempts").get(0).get("status").asText()).isEqualTo("ANSWER");
    }

    @Test
    void statsAsJson() throws Exception {
        Cli.Result r = cli.run(NOW, "stats", "--line", "trygghetscenter", "--from", "2026-11-25", "--to", "2026-11-25");
        assertThat(r.exitCode()).isZero();
        JsonNode stats = Json.MAPPER.readTree(r.out()).get("stats");
        assertThat(stats.get("total").asInt()).isEqualTo(2);
        assertThat(stats.get("shareForwarded").asDouble()).isEqualTo(0.5);
        assertThat(stats.get("medianRingSeconds").asDouble()).isEqualTo(6.5);
        assertThat(stats.get("byHour").get(16).get("forwarded").asInt()).isEqualTo(1);
        for (int h = 0; h < 24; h++) {
            assertThat(stats.get("byHour").get(h).get("hour").asInt()).as("each hour names itself").isEqualTo(h);
        }
        assertThat(stats.get("byWeekday").get("WEDNESDAY").get("total").asInt()).isEqualTo(2);
        assertThat(stats.get("byDay").get("2026-11-25").get("answered").asInt()).isEqualTo(2);
    }

    @Test
    void timelineMergesSwitchesChangesAndCalls() {
        Cli.Result r = cli.run(NOW, "timeline", "--line", "trygghetscenter", "--from", "2026-11-24", "--to", "2026-11-26");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("call    OPEN office, answered by office, decided by agi [7.1]")
                .contains("change  line-seeded by config");
    }

    @Test
    void anOpenAmiGapIsStillDownInTheStatistics() throws Exception {
        try (Database db = Database.open(dir.resolve("cli.db"))) {
            new CallStore(db).openGap(java.time.Instant.parse("2026-11-25T12:00:00Z"));
        }
        Cli.Result r = cli.run(NOW, "stats", "--line", "trygghetscenter", "--from", "2026-11-25", "--to", "2026-11-25");
        JsonNode gap = Json.MAPPER.readTree(r.out()).get("amiGaps").get(0);
        assertThat(gap.get("from").asText()).isEqualTo("2026-11-25T13:00:00+01:00");
        assertThat(gap.get("to").isNull()).isTrue();
        assertThat(gap.get("stillDown").asBoolean()).isTrue();
    }

    @Test
    void anEmptyTimelineSaysSo() {
        Cli.Result r = cli.run(NOW, "timeline", "--line", "trygghetscenter", "--from", "2025-01-01", "--to", "2025-01-02");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("no entries for line trygghetscenter from 2025-01-01 to 2025-01-02"
                + " (Europe/Stockholm)");
    }

    @Test
    void badRangesExitWithTwo() {
        Cli.Result r = cli.run(NOW, "calls", "--line", "trygghetscenter", "--from", "2026-13-01", "--to", "2026-11-30");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --from: expected a date yyyy-mm-dd, was '2026-13-01'");
        Cli.Result backwards = cli.run(NOW, "stats", "--line", "trygghetscenter", "--from", "2026-11-30", "--to", "2026-11-01");
        assertThat(backwards.err().strip()).isEqualTo("error: --to: 2026-11-01 is before --from 2026-11-30");
        Cli.Result route = cli.run(NOW, "calls", "--line", "trygghetscenter", "--from", "2026-11-01", "--to", "2026-11-30",
                "--route", "moon");
        assertThat(route.err().strip()).isEqualTo("error: --route: expected office, contractor, overflow or failsafe, was 'moon'");
    }
}
