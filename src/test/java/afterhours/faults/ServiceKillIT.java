package afterhours.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.asterisk.AmiStandIn;
import afterhours.asterisk.Recordings;
import afterhours.support.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service as a real process, killed with SIGKILL at random moments during call traffic, ten
 * times, and started again: no call completed well before a kill is lost or duplicated, and the line's
 * state is back in the PBX soon after each start.
 */
class ServiceKillIT {
    private static final String SECRET = "kill-test-secret-3d9";

    @TempDir
    Path dir;

    private Process start(int amiPort) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=config/logback.xml", "-jar", System.getProperty("afterhours.jar", "target/afterhours.jar"),
                "serve", "--config", dir.resolve("lab.yaml").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.txt").toFile()));
        Map<String, String> env = pb.environment();
        env.put("AFTERHOURS_DATABASE", dir.resolve("killed.db").toString());
        env.put("AFTERHOURS_LOG_DIR", dir.resolve("logs").toString());
        env.put("AFTERHOURS_AMI_PORT", Integer.toString(amiPort));
        env.put("AFTERHOURS_AMI_SECRET", SECRET);
        env.put("AFTERHOURS_FASTAGI_PORT", Integer.toString(Ports.free()));
        env.put("AFTERHOURS_HTTP_PORT", Integer.toString(Ports.free()));
        return pb.start();
    }

    @Test
    void killedTenTimesDuringTrafficLosesNoFinishedCall() throws Exception {
        int amiPort = Ports.free();
        // the lab's line, talking to the stand-in
        java.nio.file.Files.writeString(dir.resolve("lab.yaml"), java.nio.file.Files.readString(
                Path.of("src/test/resources/config/lab.yaml")).replace("ami: {enabled: false}", "ami: {enabled: true}"));
        List<String> scenario = Recordings.events("call-open-agi.ami.rx");
        Random random = new Random(5);
        Map<String, Instant> sentAt = new HashMap<>();
        List<Instant> kills = new ArrayList<>();
        List<Long> pushDelays = new ArrayList<>();
        int call = 0;
        try (AmiStandIn asterisk = new AmiStandIn("afterhours", SECRET, true).usePort(amiPort).start()) {
            asterisk.setVariable("DEVICE_STATE(Custom:afterhours-trygghetscenter)", "UNKNOWN");
            for (int round = 0; round < 11; round++) {
                asterisk.astdb().clear();
                long started = System.nanoTime();
                Process service = start(amiPort);
                await().atMost(Duration.ofSeconds(30)).until(() -> asterisk.astdb().containsKey("afterhours/trygghetscenter/mode"));
                pushDelays.add((System.nanoTime() - started) / 1_000_000);
                await().atMost(Duration.ofSeconds(10)).until(() -> asterisk.loggedInSessions() == 1);
                if (round == 10) {
                    // the last start only collects what the earlier runs left
                    Thread.sleep(1000);
                    service.destroy();
                    service.waitFor();
                    break;
                }
                long killAfter = 2000 + random.nextInt(1500);
                long sendStart = System.nanoTime();
                while ((System.nanoTime() - sendStart) / 1_000_000 < killAfter) {
                    String suffix = "-k" + call++;
                    Instant now = Instant.now();
                    long shift = now.toEpochMilli() - 1795595840245L;
                    asterisk.sendEvents(Recordings.asAnotherCall(scenario, suffix, shift));
                    sentAt.put("1795595840.1" + suffix, now);
                    Thread.sleep(15);
                }
                service.destroyForcibly();   // SIGKILL: no shutdown hook, no flush
                service.waitFor();
                kills.add(Instant.now());
            }
        }
        Map<String, String> status = new HashMap<>();
        int rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("killed.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT linkedid, status FROM call")) {
            while (rs.next()) {
                rows++;
                status.put(rs.getString(1), rs.getString(2));
            }
        }
        List<String> lost = new ArrayList<>();
        int safe = 0;
        for (Map.Entry<String, Instant> e : sentAt.entrySet()) {
            Instant kill = kills.stream().filter(k -> k.isAfter(e.getValue())).findFirst().orElseThrow();
            // a call fully sent two seconds before the kill had time to be assembled and committed
            if (e.getValue().plusSeconds(2).isBefore(kill)) {
                safe++;
                if (!"COMPLETE".equals(status.get(e.getKey()))) {
                    lost.add(e.getKey() + "=" + status.get(e.getKey()));
                }
            }
        }
        long unknown = status.values().stream().filter("END_UNKNOWN"::equals).count();
        System.out.printf("SIGKILL x10: %d calls sent, %d rows, %d finished two seconds before a kill, %d lost, %d closed as"
                + " END_UNKNOWN; state back in the PBX %s ms after each start%n", sentAt.size(), rows, safe, lost.size(),
                unknown, pushDelays);
        assertThat(rows).as("one row per call at most").isEqualTo(status.size());
        assertThat(lost).isEmpty();
        assertThat(safe).isPositive();
        assertThat(status.values()).doesNotContain("IN_PROGRESS");
    }
}
