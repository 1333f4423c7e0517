package afterhours.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.app.CallLogLines;
import afterhours.asterisk.AmiStandIn;
import afterhours.asterisk.RecordedDecisions;
import afterhours.asterisk.Recordings;
import afterhours.calllog.AmiGap;
import afterhours.calllog.CallLog;
import afterhours.calllog.CallStore;
import afterhours.calllog.RoutingDecision;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.config.Databases;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.routing.LiveLines;
import afterhours.schedule.Mode;
import afterhours.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asterisk goes away and comes back 20 times while 1,000 calls are replayed: the state is pushed again
 * after each reconnect, and every call is in the log or inside a recorded AMI gap - none silently lost.
 */
class AmiRestartsDuringTrafficTest {
    private static final List<String> SCENARIOS = List.of("call-open-agi", "call-forwarded-agi", "call-agi-down-astdb",
            "call-agi-down-stale", "call-office-noanswer", "call-office-busy", "call-caller-gives-up", "call-withheld",
            "call-overflow", "agi-bad-command");
    /** A gap starts when the client notices the drop; an event sent just before may miss by this much. */
    private static final Duration TOLERANCE = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void everyCallIsLoggedOrInsideARecordedGap() throws Exception {
        AmiStandIn asterisk = new AmiStandIn("afterhours", "labsecret", true).start();
        AppConfig lab = ConfigLoader.load(Path.of("src/test/resources/config/lab.yaml"),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("restarts.db").toString()));
        AppConfig.Ami settings = new AppConfig.Ami(true, "127.0.0.1", asterisk.port(), "afterhours", "labsecret",
                Duration.ofSeconds(1));
        Clock clock = Clock.systemUTC();
        Database db = Databases.openSeeded(lab, clock.instant());
        LiveLines lines = new LiveLines();
        CallLog callLog = new CallLog(new CallStore(db), new CallLogLines(lines), clock);
        AmiPbxGateway ami = new AmiPbxGateway(settings, Duration.ofMinutes(1), clock, callLog);
        try (asterisk; Afterhours app = Afterhours.of(lab, db, lines, ami, clock)) {
            try (callLog; ami) {
                app.start();
                ami.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> asterisk.astdb().containsKey("afterhours/trygghetscenter/mode"));

                AtomicBoolean sending = new AtomicBoolean(true);
                Thread chaos = new Thread(() -> restarts(asterisk, sending));
                chaos.start();
                Map<String, Instant> sent = new LinkedHashMap<>();
                for (int k = 0; k < 100; k++) {
                    for (String name : SCENARIOS) {
                        String suffix = "-" + k;
                        List<String> events = Recordings.events(name + ".ami.rx");
                        Instant now = Instant.now();
                        long shift = now.toEpochMilli() - Recordings.firstTimestamp(events).toEpochMilli();
                        if (Recordings.dir().resolve(name + ".agi.rx").toFile().exists()) {
                            for (RoutingDecision d : RecordedDecisions.of(name, name.contains("forwarded") ? Mode.FORWARDED : Mode.OPEN)) {
                                callLog.decided(new RoutingDecision(now, d.uniqueId() + suffix, d.channel(), d.lineId(), d.did(),
                                        d.callerNumber(), d.callerName(), d.mode(), d.reason(), d.dial(), d.overflow()));
                            }
                        }
                        asterisk.sendEvents(Recordings.asAnotherCall(events, suffix, shift));
                        sent.put(Recordings.headers(events.stream().filter(e -> e.startsWith("Event: Newchannel")).findFirst()
                                .orElseThrow()).get("Linkedid") + suffix, now);
                        Thread.sleep(12);
                    }
                }
                sending.set(false);
                chaos.join();
                await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(1))
                        .until(() -> ami.events().waiting() == 0 && callLog.waiting() == 0);

                List<AmiGap> gaps = callLog.store().gaps(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
                List<String> lost = new ArrayList<>();
                int logged = 0;
                for (Map.Entry<String, Instant> call : sent.entrySet()) {
                    if (callLog.store().find(call.getKey()).isPresent()) {
                        logged++;
                    } else if (gaps.stream().noneMatch(g -> !call.getValue().isBefore(g.from().minus(TOLERANCE))
                            && (g.stillDown() || !call.getValue().isAfter(g.to().plus(TOLERANCE))))) {
                        lost.add(call.getKey() + " at " + call.getValue());
                    }
                }
                // every restart empties AstDB: the line's keys are back within 30 s, before the minute's check of
                // the pushed state could repair them, so the last reconnect pushed them
                await().atMost(Duration.ofSeconds(30)).until(() -> asterisk.astdb().keySet().containsAll(List.of(
                        "afterhours/trygghetscenter/mode", "afterhours/trygghetscenter/state")));
                long pushes = modePushes(asterisk);
                System.out.printf("AMI restarts: %d calls sent, %d logged, %d inside %d gaps, %d lost; mode pushed %d times%n",
                        sent.size(), logged, sent.size() - logged - lost.size(), gaps.size(), lost.size(), pushes);
                assertThat(lost).as("calls neither logged nor inside a gap").isEmpty();
                assertThat(gaps).hasSizeGreaterThanOrEqualTo(20);
                // 21 connections, 150-400 ms apart: a restart may end one before its push (the next one pushes
                // instead), and on a loaded machine several do; the last one pushing is checked above
                assertThat(pushes).as("pushed again after most reconnects").isGreaterThanOrEqualTo(11);
            }
        }
    }

    /** Asterisk restarts (losing its AstDB) 20 times, at random moments, while the calls are sent. */
    private static long modePushes(AmiStandIn asterisk) {
        return asterisk.actions().stream().filter(a -> "DBPut".equalsIgnoreCase(a.get("action"))
                && "trygghetscenter/mode".equals(a.get("key"))).count();
    }

    private static void restarts(AmiStandIn asterisk, AtomicBoolean sending) {
        Random random = new Random(11);
        try {
            for (int i = 0; i < 20; i++) {
                Thread.sleep(150 + random.nextInt(250));
                asterisk.stop();
                asterisk.astdb().clear();
                Thread.sleep(50 + random.nextInt(200));
                asterisk.start();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
