package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.routing.PbxContract;
import afterhours.schedule.Mode;
import afterhours.support.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls the dialplan spooled in AstDB reach the call log through the real Asterisk-Java library and
 * the AMI stand-in: exactly one row per call, the live row kept where there is one, a key deleted only
 * after its row is committed.
 */
class SpoolCollectionTest {
    /** 2026-11-25 07:00:00 UTC (08:00 in Stockholm, before opening), before the harness's clock: settled. */
    private static final long START = 1795590000L;

    @TempDir
    Path dir;

    private CallLogHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new CallLogHarness(dir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String record(String linkedId, String decidedBy, String route, String tries, String answered) {
        return "1|trygghetscenter|0541234567|" + linkedId + "|0701234567|Test%20Caller|" + START + "|" + (START + 5)
                + "|" + decidedBy + "|" + route + "|" + tries + "|" + answered + "|16";
    }

    private void spool(String key, String value) {
        harness.asterisk.astdb().put(PbxContract.SPOOL_FAMILY + "/" + key, value);
    }

    private Map<String, String> spooled() {
        return Map.copyOf(harness.asterisk.astdb().entrySet().stream()
                .filter(e -> e.getKey().startsWith(PbxContract.SPOOL_FAMILY + "/"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** As after an AMI reconnect: the collector runs at once. */
    private void reconnect() {
        harness.asterisk.dropConnections();
    }

    @Test
    void aCallTheServiceNeverSawIsLoggedFromTheSpoolAndTheKeyRemoved() {
        spool("1795590000.2", record("1795590000.1", "failsafe", "failsafe", "failsafe:ANSWER", "3"));
        reconnect();
        await().atMost(Duration.ofSeconds(15)).until(() -> spooled().isEmpty());
        CallRecord c = harness.call("1795590000.1");
        assertThat(c.status()).isEqualTo(CallStatus.COMPLETE);
        assertThat(c.decidedBy()).isEqualTo(DecidedBy.FAILSAFE);
        assertThat(c.route()).isEqualTo(CallRoute.FAILSAFE);
        assertThat(c.answeredBy()).isEqualTo(Answerer.CONTRACTOR);
        assertThat(c.attempts()).extracting(Attempt::target, Attempt::dialString, Attempt::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Target.FAILSAFE, "failsafe@test-phones", "ANSWER"));
        assertThat(c.callerName()).isEqualTo("Test Caller");
        assertThat(c.did()).isEqualTo("0541234567");
        assertThat(c.startedAt()).isEqualTo(Instant.ofEpochSecond(START));
        assertThat(c.answeredAt()).isEqualTo(Instant.ofEpochSecond(START + 2));
        assertThat(c.talkSeconds()).isEqualTo(3.0);
        assertThat(c.mode()).as("from the schedule at the start: 08:00 in Stockholm, closed").isEqualTo(Mode.FORWARDED);
        assertThat(harness.callLog.spooled()).isEqualTo(1);
    }

    @Test
    void aCallAlsoSeenLiveStaysOneRowWithTheLiveDetail() {
        harness.awaitQuiet(harness.replay("call-overflow", Mode.OPEN));
        CallRecord live = harness.call("1795595970.41");
        spool("1795595970.41", record("1795595970.41", "agi", "overflow", "office:NOANSWER/overflow:ANSWER", "2"));
        reconnect();
        await().atMost(Duration.ofSeconds(15)).until(() -> spooled().isEmpty());
        assertThat(harness.callLog.store().page(CallFilter.all(), null, 100).calls())
                .extracting(CallRecord::linkedId).containsExactly("1795595970.41");
        assertThat(harness.call("1795595970.41")).isEqualTo(live);
    }

    @Test
    void aRecordTooFreshWaitsForTheLiveViewAndAnUnreadableOneStays() throws Exception {
        long now = harness.app.switchboard().clock().instant().getEpochSecond();
        spool("fresh", record("8.1", "agi", "office", "office:ANSWER", "1").replace("|" + (START + 5) + "|", "|" + now + "|"));
        spool("future-format", "2|whatever");
        try (LogCapture logs = new LogCapture()) {
            reconnect();
            await().atMost(Duration.ofSeconds(15)).until(() -> logs.all().contains("is not one this build reads"));
            assertThat(logs.all()).contains("afterhours-spool/future-format").doesNotContain("whatever");
        }
        assertThat(spooled()).containsOnlyKeys(PbxContract.SPOOL_FAMILY + "/fresh", PbxContract.SPOOL_FAMILY + "/future-format");
        assertThat(harness.callLog.store().find("8.1")).isEmpty();
    }

    @Test
    void aCrashBetweenCommitAndDeleteStillGivesOneRow() {
        harness.asterisk.denying("DBDel");   // the key cannot be deleted: as if the service died right after the commit
        spool("1795590000.2", record("1795590000.1", "astdb", "contractor", "contractor:ANSWER", "3"));
        reconnect();
        await().atMost(Duration.ofSeconds(15)).until(() -> harness.callLog.store().find("1795590000.1").isPresent());
        assertThat(spooled()).hasSize(1);

        harness.asterisk.allowing("DBDel");
        reconnect();
        await().atMost(Duration.ofSeconds(15)).until(() -> spooled().isEmpty());
        assertThat(harness.callLog.store().page(CallFilter.all(), null, 100).calls()).hasSize(1);
        assertThat(harness.call("1795590000.1").decidedBy()).isEqualTo(DecidedBy.ASTDB);
    }

    @Test
    void aWeekOfCallsWithTheServiceDownIsCollectedInOneGo() {
        int calls = 10_000;   // about two weeks of the center's calls
        for (int i = 0; i < calls; i++) {
            spool("1795580000." + (2 * i + 1), record("1795580000." + (2 * i), "astdb", "contractor", "contractor:ANSWER", "30"));
        }
        long t = System.nanoTime();
        reconnect();
        await().atMost(Duration.ofSeconds(120)).until(() -> spooled().isEmpty());
        Duration took = Duration.ofNanos(System.nanoTime() - t);
        System.out.printf("Spool: %d records collected, stored and removed in %d ms (%.0f records/s)%n", calls,
                took.toMillis(), calls * 1000.0 / Math.max(1, took.toMillis()));
        assertThat(harness.callLog.store().page(CallFilter.all(), null, 1).calls()).hasSize(1);
        assertThat(harness.callLog.spooled()).isEqualTo(calls);
        List<CallRecord> some = harness.callLog.store().page(CallFilter.all(), null, 500).calls();
        assertThat(some).allSatisfy(c -> assertThat(c.status()).isEqualTo(CallStatus.COMPLETE));
    }
}
