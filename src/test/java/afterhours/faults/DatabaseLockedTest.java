package afterhours.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.app.CallLogLines;
import afterhours.asterisk.AmiStandIn;
import afterhours.asterisk.FastAgiClient;
import afterhours.asterisk.RecordedDecisions;
import afterhours.asterisk.Recordings;
import afterhours.calllog.Answerer;
import afterhours.calllog.CallLog;
import afterhours.calllog.CallStatus;
import afterhours.calllog.CallStore;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.PushedStates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another process locks the database for 5 s: call records wait and are written after; AMI and FastAGI do not wait. */
class DatabaseLockedTest {
    @TempDir
    Path dir;

    /** Reads the other process's output up to a line; false if it ends first. */
    static boolean untilLine(BufferedReader out, String wanted) throws java.io.IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void recordsWaitForTheLockWhileAmiAndFastAgiAnswerAtOnce() throws Exception {
        AmiStandIn asterisk = new AmiStandIn("afterhours", "labsecret", true).start();
        int agiPort = Ports.free();
        AppConfig lab = ConfigLoader.load(Path.of("src/test/resources/config/lab.yaml"),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("locked.db").toString()));
        AppConfig config = new AppConfig(lab.database(), lab.http(),
                new AppConfig.Ami(true, "127.0.0.1", asterisk.port(), "afterhours", "labsecret", Duration.ofSeconds(1)),
                new AppConfig.FastAgi("127.0.0.1", agiPort, 10, 200), lab.stateGrace(), Duration.ofMinutes(1),
                lab.watchdogPeriod(), lab.lines(), lab.callRetention(), lab.databaseUrl());
        OffsetClock clock = OffsetClock.startingAt(Instant.parse("2026-11-25T08:40:00Z"));
        try (asterisk; Afterhours app = Afterhours.open(config, new afterhours.pbx.LoggingPbxGateway(), clock)) {
            app.start();
            CallLog callLog = new CallLog(new CallStore(app.database()), new CallLogLines(app.lines()), clock);
            try (callLog; AmiPbxGateway ami = new AmiPbxGateway(config.ami(), config.verifyPeriod(), clock, callLog)) {
                ami.start();
                app.startFastAgi(callLog);
                await().atMost(Duration.ofSeconds(10)).until(() -> ami.health().connected());

                Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                        config.database().toString(), "5000").redirectErrorStream(true).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
                assertThat(untilLine(out, "locked")).isTrue();
                long lockedAt = System.nanoTime();

                RecordedDecisions.of("call-open-agi", Mode.OPEN).forEach(callLog::decided);
                asterisk.sendEvents(Recordings.events("call-open-agi.ami.rx"));

                // FastAGI answers from memory
                long t = System.nanoTime();
                FastAgiClient.Call call = new FastAgiClient(agiPort).call("call-open-agi.agi.rx", "route?line=trygghetscenter", Map.of());
                Duration agi = Duration.ofNanos(System.nanoTime() - t);
                assertThat(call.variables()).containsKey("AH_DIAL");
                // an AMI round trip (a push) goes through
                t = System.nanoTime();
                ami.push(PushedStates.steady("trygghetscenter", Mode.FORWARDED, Reason.OVERRIDE, "Local/contractor@test-phones",
                        Instant.parse("2026-11-26T09:02:00Z"), "Local/failsafe@test-phones"));
                await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(5))
                        .until(() -> "FORWARDED".equals(asterisk.astdb().get("afterhours/trygghetscenter/mode")));
                Duration push = Duration.ofNanos(System.nanoTime() - t);
                assertThat(Duration.ofNanos(System.nanoTime() - lockedAt)).as("all of this happened while locked")
                        .isLessThan(Duration.ofSeconds(4));
                assertThat(callLog.store().find("1795595840.1")).as("nothing written yet: the file is locked").isEmpty();
                System.out.printf("Locked database: FastAGI answered in %d ms, AMI push in %d ms%n", agi.toMillis(), push.toMillis());

                assertThat(untilLine(out, "released")).isTrue();
                await().atMost(Duration.ofSeconds(15)).until(() -> callLog.store().find("1795595840.1")
                        .map(c -> c.status() == CallStatus.COMPLETE).orElse(false));
                assertThat(callLog.store().find("1795595840.1").orElseThrow().answeredBy()).isEqualTo(Answerer.OFFICE);
            }
        }
    }
}
