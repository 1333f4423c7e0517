package afterhours.pbx;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.asterisk.FastAgiClient;
import afterhours.asterisk.Recordings;
import afterhours.calllog.RoutingDecision;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.support.LogCapture;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.switching.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FastAGI route script through Asterisk-Java's server, called like Asterisk 22 calls it. */
class RouteScriptTest {
    private static final String RECORDING = "call-open-agi.agi.rx";
    private static final String ROUTE = "route?line=trygghetscenter";

    @TempDir
    Path dir;

    private Afterhours app;
    private final List<RoutingDecision> decisions = new CopyOnWriteArrayList<>();
    private FastAgiClient asterisk;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private void start(Instant now) throws Exception {
        int agiPort = Ports.free();
        app = Afterhours.open(TestConfigs.withPbx(dir, Ports.free(), agiPort, Duration.ofMinutes(1)),
                new LoggingPbxGateway(), OffsetClock.startingAt(now));
        app.start();
        app.startFastAgi(decisions::add);
        asterisk = new FastAgiClient(agiPort);
        Recordings.read(RECORDING);   // a missing recording fails here, not as a timeout below
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> asterisk.call(RECORDING, ROUTE, Map.of()).commands().size() == 2);
        decisions.clear();
    }

    @Test
    void openHoursRingTheOfficeWithOverflowInOneRoundTrip() throws Exception {
        start(local("2026-11-25T12:00"));
        FastAgiClient.Call call = asterisk.call(RECORDING, ROUTE, Map.of());
        assertThat(call.commands()).containsExactly(
                "EXEC \"MSet\" \"AH_DIAL=PJSIP/reception,AH_MODE=OPEN,AH_REASON=REGULAR_HOURS,AH_RING_SECONDS=20,"
                        + "AH_OVERFLOW=PJSIP/0771000000@contractor,AH_CID_PREFIX=TC: \"",
                "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"");
        assertThat(call.variables()).containsEntry("AH_DIAL", "PJSIP/reception").containsEntry("AH_MODE", "OPEN")
                .containsEntry("AH_CID_PREFIX", "TC: ");
        await().atMost(Duration.ofSeconds(5)).until(() -> decisions.size() == 1);
        RoutingDecision d = decisions.get(0);
        assertThat(d.uniqueId()).isEqualTo("1795595840.2");
        assertThat(d.lineId()).isEqualTo("trygghetscenter");
        assertThat(d.did()).isEqualTo("0541234567");
        assertThat(d.callerNumber()).isEqualTo("0701234567");
        assertThat(d.callerName()).isEqualTo("Test Caller");
        assertThat(d.mode()).isEqualTo(Mode.OPEN);
        assertThat(d.dial()).isEqualTo("PJSIP/reception");
    }

    @Test
    void closedHoursForwardToTheContractor() throws Exception {
        start(local("2026-11-25T16:00"));
        FastAgiClient.Call call = asterisk.call("call-forwarded-agi.agi.rx", ROUTE, Map.of());
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("AH_DIAL", "PJSIP/0771000000@contractor");
        expected.put("AH_MODE", "FORWARDED");
        expected.put("AH_REASON", "OUTSIDE_HOURS");
        expected.put("AH_RING_SECONDS", "20");
        expected.put("AH_OVERFLOW", "PJSIP/0771000000@contractor");
        expected.put("AH_CID_PREFIX", "TC: ");
        expected.put("AJ_AGISTATUS", "SUCCESS");
        assertThat(call.variables()).containsExactlyEntriesOf(expected);
    }

    @Test
    void holidayAndOverrideComeFromTheScheduleInMemory() throws Exception {
        start(local("2026-12-24T12:00"));
        assertThat(asterisk.call(RECORDING, ROUTE, Map.of()).variables()).containsEntry("AH_REASON", "HOLIDAY");
        app.database().write("override", c -> {
            app.repository().overrides().set(c, "trygghetscenter", new ManualOverride(Mode.OPEN,
                    Instant.ofEpochMilli(app.switchboard().clock().millis()), null, "anna", "Christmas duty"));
            return null;
        });
        app.switchboard().reload("trygghetscenter", Trigger.OVERRIDE);
        assertThat(asterisk.call(RECORDING, ROUTE, Map.of()).variables())
                .containsEntry("AH_MODE", "OPEN").containsEntry("AH_REASON", "OVERRIDE").containsEntry("AH_DIAL", "PJSIP/reception");
    }

    @Test
    void unknownLineLeavesTheDialEmptyForTheDialplansFailsafe() throws Exception {
        start(local("2026-11-25T12:00"));
        try (LogCapture logs = new LogCapture()) {
            FastAgiClient.Call call = asterisk.call(RECORDING, "route?line=nosuchline", Map.of());
            assertThat(call.variables()).containsEntry("AH_DIAL", "").containsEntry("AH_REASON", "UNKNOWN_LINE")
                    .containsEntry("AJ_AGISTATUS", "SUCCESS");
            assertThat(logs.all()).contains("Route request for unknown line 'nosuchline'");
        }
        FastAgiClient.Call noParameter = asterisk.call(RECORDING, "route", Map.of());
        assertThat(noParameter.variables()).containsEntry("AH_DIAL", "").containsEntry("AH_REASON", "UNKNOWN_LINE");
    }

    @Test
    void malformedRequestsAreDroppedAndTheNextCallIsServed() throws Exception {
        start(local("2026-11-25T12:00"));
        FastAgiClient.Call unknownScript = asterisk.call(RECORDING, "nosuchscript?line=trygghetscenter", Map.of());
        assertThat(unknownScript.variables()).containsEntry("AJ_AGISTATUS", "NOT_FOUND").doesNotContainKey("AH_DIAL");
        asterisk.raw("this is not an AGI request\n\n", Integer.MAX_VALUE);
        asterisk.sendAndClose("agi_network_script: route?line=trygghetscenter\n");   // half a request, then gone
        assertThat(asterisk.call(RECORDING, ROUTE, Map.of()).variables()).containsEntry("AH_DIAL", "PJSIP/reception");
    }

    @Test
    void callerHangingUpMidScriptIsHandled() throws Exception {
        start(local("2026-11-25T12:00"));
        try (LogCapture logs = new LogCapture()) {
            FastAgiClient.Call call = asterisk.call("call-caller-gives-up.agi.rx", ROUTE, Map.of(), 0);
            assertThat(call.commands()).hasSize(2).first().asString().startsWith("EXEC \"MSet\"");
            assertThat(call.variables()).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> decisions.size() == 1);
            assertThat(logs.messages()).noneMatch(m -> m.startsWith("ERROR"));
        }
        assertThat(asterisk.call(RECORDING, ROUTE, Map.of()).variables()).containsEntry("AH_MODE", "OPEN");
    }

    @Test
    void withheldNumberIsRecordedAsNull() throws Exception {
        start(local("2026-11-25T12:00"));
        asterisk.call("call-withheld.agi.rx", ROUTE, Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> decisions.size() == 1);
        assertThat(decisions.get(0).callerNumber()).isNull();
        assertThat(decisions.get(0).callerName()).isNull();
    }

    @Test
    void twoHundredConcurrentCallsAreAllAnsweredCorrectly() throws Exception {
        start(local("2026-11-25T12:00"));
        int calls = 200;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<FastAgiClient.Call>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String uniqueId = "1795595840." + (1000 + i);
                results.add(pool.submit(() -> {
                    go.await();
                    return asterisk.call(RECORDING, ROUTE, Map.of("agi_uniqueid", uniqueId));
                }));
            }
            go.countDown();
            for (Future<FastAgiClient.Call> r : results) {
                assertThat(r.get().variables()).containsEntry("AH_DIAL", "PJSIP/reception")
                        .containsEntry("AJ_AGISTATUS", "SUCCESS");
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> decisions.size() == calls);
        assertThat(decisions.stream().map(RoutingDecision::uniqueId).distinct()).hasSize(calls);
    }
}
