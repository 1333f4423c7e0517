package afterhours.calllog;

import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.app.CallLogLines;
import afterhours.asterisk.AmiStandIn;
import afterhours.asterisk.RecordedDecisions;
import afterhours.asterisk.Recordings;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.schedule.Mode;
import afterhours.support.OffsetClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The call log wired as in the service, fed through the real Asterisk-Java library by the AMI stand-in
 * replaying recorded traffic, with the lab's line (src/test/resources/asterisk/lab-extensions.conf).
 */
final class CallLogHarness implements AutoCloseable {
    static final Path LAB_CONFIG = Path.of("src/test/resources/config/lab.yaml");

    final Afterhours app;
    final CallLog callLog;
    final AmiStandIn asterisk;
    final AmiPbxGateway gateway;

    CallLogHarness(Path dir) throws Exception {
        AppConfig lab = ConfigLoader.load(LAB_CONFIG, Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("calls.db").toString()));
        OffsetClock clock = OffsetClock.startingAt(Instant.parse("2026-11-25T08:40:00Z"));
        app = Afterhours.open(lab, new LoggingPbxGateway(), clock);
        app.start();
        callLog = new CallLog(new CallStore(app.database()), new CallLogLines(app.lines()), clock);
        asterisk = new AmiStandIn("afterhours", "labsecret", true).start();
        gateway = new AmiPbxGateway(new AppConfig.Ami(true, "127.0.0.1", asterisk.port(), "afterhours", "labsecret",
                Duration.ofSeconds(1)), Duration.ofMinutes(1), clock, callLog);
        gateway.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.health().connected());
    }

    /** Feeds the recorded FastAGI decisions (if any), then streams the recorded AMI events. */
    long replay(String name, Mode scenarioMode) {
        return replay(name, scenarioMode, event -> true);
    }

    /** The same, sending only the AMI events that {@code filter} lets through (as Asterisk's eventfilter would). */
    long replay(String name, Mode scenarioMode, java.util.function.Predicate<String> filter) {
        if (Recordings.dir().resolve(name + ".agi.rx").toFile().exists()) {
            RecordedDecisions.of(name, scenarioMode).forEach(callLog::decided);
        }
        return send(Recordings.events(name + ".ami.rx").stream().filter(filter).toList());
    }

    /** Sends events; returns how many of them the call log reads. */
    long send(List<String> events) {
        asterisk.sendEvents(events);
        return callEvents(events);
    }

    /** Waits until the events sent so far ({@code events} call events in all) were assembled and written. */
    void awaitQuiet(long events) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                gateway.events().accepted() >= events && gateway.events().waiting() == 0
                        && callLog.inProgress() == 0 && callLog.waiting() == 0);
    }

    /** How many of these recorded events the call log reads. */
    static long callEvents(List<String> events) {
        java.util.Set<String> kinds = java.util.Set.of("Newchannel", "Newexten", "VarSet", "DialBegin", "DialEnd", "Hangup");
        return events.stream().filter(e -> kinds.contains(Recordings.headers(e).get("Event"))).count();
    }

    /** Waits until the call's first record is in the database. */
    void awaitStarted(String linkedId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> callLog.store().find(linkedId).isPresent());
    }

    CallRecord call(String linkedId) {
        return callLog.store().find(linkedId).orElseThrow(() -> new AssertionError("no record for call " + linkedId));
    }

    @Override
    public void close() {
        gateway.close();
        callLog.close();
        asterisk.close();
        app.close();
    }
}
