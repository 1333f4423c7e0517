package afterhours.pbx;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.asterisk.FastAgiClient;
import afterhours.asterisk.Recordings;
import afterhours.calllog.RoutingDecision;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.line.LineSetup;
import afterhours.pbx.agi.FastAgiServer;
import afterhours.pbx.agi.RouteScript;
import afterhours.routing.LiveLine;
import afterhours.routing.RouteLookup;
import afterhours.schedule.Mode;
import afterhours.support.Ports;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The route script alone behind Asterisk-Java's FastAGI server, with a lookup over the sample line and a
 * fixed clock: no database, no scheduler, no application around it.
 */
class RouteScriptUnitTest {
    private static final String RECORDING = "call-open-agi.agi.rx";
    private static final LiveLine SAMPLE = sampleLine();

    private final List<RoutingDecision> decisions = new CopyOnWriteArrayList<>();
    private FastAgiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private FastAgiClient serve(RouteLookup lookup, Instant now) throws Exception {
        int port = Ports.free();
        server = new FastAgiServer(new AppConfig.FastAgi("127.0.0.1", port, 2, 10), List.of(
                new RouteScript(lookup, decisions::add, Clock.fixed(now, ZoneOffset.UTC), took -> { })));
        server.start();
        FastAgiClient client = new FastAgiClient(port);
        Recordings.read(RECORDING);   // a missing recording fails here, not as a timeout below
        // the server listens from its own thread: the first answered call says it is up
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> client.call(RECORDING, "route?line=warmup", Map.of()).commands().size() == 2);
        decisions.clear();
        return client;
    }

    @Test
    void forwardedOutsideHoursRingsTheContractorWithThePrefix() throws Exception {
        FastAgiClient asterisk = serve(id -> id.equals("trygghetscenter") ? Optional.of(SAMPLE) : Optional.empty(),
                local("2026-11-25T18:00"));
        FastAgiClient.Call call = asterisk.call(RECORDING, "route?line=trygghetscenter", Map.of());
        assertThat(call.commands()).containsExactly("EXEC \"MSet\" \"AH_DIAL=PJSIP/0771000000@contractor,"
                + "AH_MODE=FORWARDED,AH_REASON=OUTSIDE_HOURS,AH_RING_SECONDS=20,AH_OVERFLOW=PJSIP/0771000000@contractor,"
                + "AH_CID_PREFIX=TC: \"", "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"");
        await().atMost(Duration.ofSeconds(5)).until(() -> decisions.size() == 1);
        assertThat(decisions.get(0).mode()).isEqualTo(Mode.FORWARDED);
        assertThat(decisions.get(0).dial()).isEqualTo("PJSIP/0771000000@contractor");
    }

    @Test
    void theWarmUpDecidesForEveryServedLineAndTellsNobody() {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger timed = new AtomicInteger();
        RouteScript route = new RouteScript(id -> {
            asked.incrementAndGet();
            return id.equals("trygghetscenter") ? Optional.of(SAMPLE) : Optional.empty();
        }, decisions::add, Clock.fixed(local("2026-11-25T18:00"), ZoneOffset.UTC), took -> timed.incrementAndGet());
        long work = route.warmUp(List.of("trygghetscenter", "gone"), local("2026-11-25T18:00"), 100);
        assertThat(asked).hasValue(200);
        // every decision's variables were built: at least the shortest answer's length each time
        assertThat(work).isGreaterThanOrEqualTo(100L * "AH_DIAL=PJSIP/reception,AH_MODE=OPEN".length());
        assertThat(decisions).isEmpty();
        assertThat(timed).hasValue(0);
    }

    @Test
    void anUnknownLineLeavesTheDialEmptyForTheDialplanToDecide() throws Exception {
        FastAgiClient asterisk = serve(id -> Optional.empty(), local("2026-11-25T12:00"));
        FastAgiClient.Call call = asterisk.call(RECORDING, "route?line=nosuchline", Map.of());
        assertThat(call.commands().get(0)).isEqualTo("EXEC \"MSet\" \"AH_DIAL=,AH_REASON=UNKNOWN_LINE\"");
        await().atMost(Duration.ofSeconds(5)).until(() -> decisions.size() == 1);
        assertThat(decisions.get(0).lineId()).isNull();
        assertThat(decisions.get(0).mode()).isNull();
    }

    @Test
    void aLookupThatFailsGetsTheLinesFailsafe() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        FastAgiClient asterisk = serve(id -> {
            if (id.equals("trygghetscenter") && asked.incrementAndGet() == 1) {
                throw new IllegalStateException("schedule not readable");
            }
            return Optional.of(SAMPLE);
        }, local("2026-11-25T12:00"));
        FastAgiClient.Call call = asterisk.call(RECORDING, "route?line=trygghetscenter", Map.of());
        assertThat(call.variables()).containsEntry("AH_DIAL", "PJSIP/0771000000@contractor")
                .containsEntry("AH_MODE", "FORWARDED").containsEntry("AH_REASON", "FAILSAFE");
    }

    private static LiveLine sampleLine() {
        AppConfig.LineConfig sample = ConfigLoader.load(Path.of("config/afterhours.yaml"), Map.of()).lines().get(0);
        return new LiveLine(new LineSetup(sample.line(), sample.weekly(), List.of(), null));
    }
}
