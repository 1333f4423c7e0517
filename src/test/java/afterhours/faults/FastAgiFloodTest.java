package afterhours.faults;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.asterisk.FastAgiClient;
import afterhours.calllog.RoutingDecisionSink;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** More simultaneous FastAGI requests than the pool: each is answered correctly or refused, never left hanging. */
class FastAgiFloodTest {
    @TempDir
    Path dir;

    @Test
    void aThousandSimultaneousRequestsAreAnsweredOrRefusedAndTheNextCallIsNormal() throws Exception {
        int agiPort = Ports.free();
        AppConfig sample = TestConfigs.sample(dir);
        AppConfig config = new AppConfig(sample.database(), sample.http(), sample.ami(),
                new AppConfig.FastAgi("127.0.0.1", agiPort, 10, 200), sample.stateGrace(), sample.verifyPeriod(),
                sample.watchdogPeriod(), sample.lines(), sample.callRetention(), sample.databaseUrl());
        try (Afterhours app = Afterhours.open(config, new LoggingPbxGateway(), OffsetClock.startingAt(local("2026-11-25T12:00")))) {
            app.start();
            app.startFastAgi(RoutingDecisionSink.NONE);
            FastAgiClient asterisk = new FastAgiClient(agiPort);
            // a slow PBX: each call holds its FastAGI thread for 2 s, so the pool of 200 runs full
            FastAgiClient slowAsterisk = new FastAgiClient(agiPort, 2000);
            Thread.sleep(300);
            int calls = 1000;
            ExecutorService pool = Executors.newFixedThreadPool(calls);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<FastAgiClient.Call>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return slowAsterisk.call("call-open-agi.agi.rx", "route?line=trygghetscenter", Map.of());
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            int answered = 0;
            int refused = 0;
            long slowestRefusal = 0;
            long quickestAnswer = Long.MAX_VALUE;
            for (Future<FastAgiClient.Call> r : results) {
                FastAgiClient.Call call = r.get(60, TimeUnit.SECONDS);
                if (call.commands().isEmpty()) {
                    refused++;    // closed at once: the dialplan's AstDB layer takes the call
                    slowestRefusal = Math.max(slowestRefusal, call.nanos());
                } else {
                    assertThat(call.variables()).containsEntry("AH_DIAL", "PJSIP/reception");
                    answered++;
                    quickestAnswer = Math.min(quickestAnswer, call.nanos());
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            pool.shutdownNow();
            System.out.printf("FastAGI flood: %d answered, %d refused (slowest refusal %d ms) in %d ms%n", answered, refused,
                    slowestRefusal / 1_000_000, took.toMillis());
            assertThat(answered + refused).isEqualTo(calls);
            assertThat(answered).isGreaterThanOrEqualTo(200);
            assertThat(refused).as("beyond the pool, requests are refused").isPositive();
            assertThat(slowestRefusal).as("every refusal comes before even the quickest answer of the slow calls")
                    .isLessThan(quickestAnswer);
            assertThat(asterisk.call("call-open-agi.agi.rx", "route?line=trygghetscenter", Map.of()).variables())
                    .containsEntry("AH_DIAL", "PJSIP/reception");
        }
    }
}
