package afterhours.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.app.CallLogLines;
import afterhours.asterisk.AmiStandIn;
import afterhours.asterisk.RecordedDecisions;
import afterhours.asterisk.Recordings;
import afterhours.calllog.CallLog;
import afterhours.calllog.CallRecord;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL both listen to the same Asterisk's AMI; FastAGI reaches one or the
 * other. Every replayed call is in the log once, and as the instance that routed it assembled it.
 */
class TwoInstancesCallsTest {
    private static final List<String> SCENARIOS = List.of("call-open-agi", "call-forwarded-agi", "call-agi-down-astdb",
            "call-office-noanswer", "call-office-busy", "call-caller-gives-up", "call-withheld", "call-overflow");

    @TempDir
    Path dir;

    @Test
    void eachCallIsLoggedOnceAsTheRoutingInstanceSawIt() throws Exception {
        ScratchDatabase scratch = new ScratchDatabase("calls");
        String url = scratch.url;
        AppConfig lab = ConfigLoader.load(Path.of("src/test/resources/config/lab.yaml"),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("unused.db").toString(), ConfigLoader.ENV_DATABASE_URL, url));
        Clock clock = Clock.systemUTC();
        try (AmiStandIn asterisk = new AmiStandIn("afterhours", "labsecret", true).start()) {
            AppConfig.Ami settings = new AppConfig.Ami(true, "127.0.0.1", asterisk.port(), "afterhours", "labsecret",
                    Duration.ofSeconds(1));
            Instance a = new Instance(lab, settings, clock);
            Instance b = new Instance(lab, settings, clock);
            try (a; b) {
                await().atMost(Duration.ofSeconds(10)).until(() -> asterisk.loggedInSessions() == 2);
                Map<String, Instance> routedBy = new ConcurrentHashMap<>();
                List<String> sent = new ArrayList<>();
                for (int k = 0; k < 25; k++) {
                    for (String scenario : SCENARIOS) {
                        String suffix = "-" + k;
                        List<String> events = Recordings.events(scenario + ".ami.rx");
                        Instant now = Instant.now();
                        long shift = now.toEpochMilli() - Recordings.firstTimestamp(events).toEpochMilli();
                        String linkedId = Recordings.headers(events.stream().filter(e -> e.startsWith("Event: Newchannel"))
                                .findFirst().orElseThrow()).get("Linkedid") + suffix;
                        Instance router = (k + sent.size()) % 2 == 0 ? a : b;
                        if (Recordings.dir().resolve(scenario + ".agi.rx").toFile().exists()) {
                            routedBy.put(linkedId, router);
                            for (RoutingDecision d : RecordedDecisions.of(scenario, scenario.contains("forwarded") ? Mode.FORWARDED : Mode.OPEN)) {
                                router.calls.decided(new RoutingDecision(now, d.uniqueId() + suffix, d.channel(), d.lineId(),
                                        d.did(), d.callerNumber(), d.callerName(), d.mode(), d.reason(), d.dial(), d.overflow()));
                            }
                        }
                        asterisk.sendEvents(Recordings.asAnotherCall(events, suffix, shift));
                        sent.add(linkedId);
                        Thread.sleep(5);
                    }
                }
                await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(1))
                        .until(() -> a.idle() && b.idle() && a.completed.size() == sent.size() && b.completed.size() == sent.size());

                List<String> wrong = new ArrayList<>();
                for (String linkedId : sent) {
                    CallRecord stored = a.calls.store().find(linkedId).orElseThrow(() -> new AssertionError(linkedId + " not logged"));
                    Instance router = routedBy.getOrDefault(linkedId, a);
                    CallRecord expected = router.completed.get(linkedId);
                    if (!summary(stored).equals(summary(expected))) {
                        wrong.add(linkedId + ": stored " + summary(stored) + ", routing instance saw " + summary(expected));
                    }
                }
                int rows;
                try (Connection c = DriverManager.getConnection(url);
                     ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM call")) {
                    rs.next();
                    rows = rs.getInt(1);
                }
                System.out.printf("Two instances, one AMI: %d calls sent, %d rows, %d routed through FastAGI, %d differ%n",
                        sent.size(), rows, routedBy.size(), wrong.size());
                assertThat(rows).isEqualTo(sent.size());
                assertThat(wrong).isEmpty();
            }
        } finally {
            scratch.close();
        }
    }

    /** What a reader of the log sees of a call (times are compared elsewhere; here: who decided what). */
    private static String summary(CallRecord r) {
        return r.mode() + "/" + r.reason() + "/" + r.decidedBy() + "/" + r.route() + "/" + r.answeredBy() + "/"
                + r.attempts().size() + "/" + r.status();
    }

    /** One service instance: its store, call log and AMI connection. */
    private static final class Instance implements AutoCloseable {
        final Afterhours app;
        final CallLog calls;
        final AmiPbxGateway ami;
        final Map<String, CallRecord> completed = new ConcurrentHashMap<>();

        Instance(AppConfig config, AppConfig.Ami settings, Clock clock) {
            Database db = Databases.openSeeded(config, clock.instant());
            LiveLines lines = new LiveLines();
            calls = new CallLog(new CallStore(db), new CallLogLines(lines), clock, r -> completed.put(r.linkedId(), r));
            ami = new AmiPbxGateway(settings, Duration.ofMinutes(1), clock, calls);
            app = Afterhours.of(config, db, lines, ami, clock);
            app.start();
            ami.start();
        }

        boolean idle() {
            return ami.events().waiting() == 0 && calls.waiting() == 0;
        }

        @Override
        public void close() {
            ami.close();
            calls.close();
            app.close();
        }
    }
}
