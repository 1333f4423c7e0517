package afterhours.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.asterisk.AmiStandIn;
import afterhours.audit.AuditLog;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.store.Database;
import afterhours.line.LineRepository;
import afterhours.support.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged service processes on one PostgreSQL and one Asterisk: an override ends in a few seconds;
 * the process holding that trigger is killed (SIGKILL) just before, and the other one switches, once.
 */
class TwoProcessesFailoverIT {
    private static final String SECRET = "failover-secret-8k2";
    private static final Pattern STARTED = Pattern.compile("this one is Quartz instance (\\S+)");

    @TempDir
    Path dir;

    @Test
    void killingTheTriggerHolderBeforeABoundaryStillSwitchesOnce() throws Exception {
        ScratchDatabase scratch = new ScratchDatabase("failover");
        String url = scratch.url;
        Files.writeString(dir.resolve("lab.yaml"), Files.readString(Path.of("src/test/resources/config/lab.yaml"))
                .replace("ami: {enabled: false}", "ami: {enabled: true}"));
        List<Process> processes = new ArrayList<>();
        try (AmiStandIn asterisk = new AmiStandIn("afterhours", SECRET, true).start()) {
            asterisk.setVariable("DEVICE_STATE(Custom:afterhours-trygghetscenter)", "UNKNOWN");
            processes.add(start("a", url, asterisk.port()));
            await().atMost(Duration.ofSeconds(30)).until(() -> instanceId("a") != null);
            processes.add(start("b", url, asterisk.port()));
            await().atMost(Duration.ofSeconds(30)).until(() -> instanceId("b") != null && asterisk.loggedInSessions() == 2);
            String scheduled = asterisk.astdb().get("afterhours/trygghetscenter/mode");
            Mode forced = Mode.valueOf(scheduled).opposite();

            // an admin forces the other mode for eight seconds (written to the shared database)
            Instant until = Instant.ofEpochMilli(System.currentTimeMillis() + 8000);
            Database db = Database.openUrl(url);
            try {
                db.write("override", c -> {
                    new LineRepository(db).overrides().set(c, "trygghetscenter", new ManualOverride(forced,
                            Instant.ofEpochMilli(System.currentTimeMillis()), until, "anna", "failover test"));
                    new AuditLog(db).record(c, Instant.now(), "anna", "override-set", "trygghetscenter", null, null);
                    return null;
                });
            } finally {
                db.close();
            }
            await().atMost(Duration.ofSeconds(6)).until(() -> forced.name().equals(asterisk.astdb().get("afterhours/trygghetscenter/mode")));
            // a scheduler takes its trigger about a second before it is due
            await().atMost(Duration.ofSeconds(12)).until(() -> holder(url) != null);
            String holder = holder(url);
            Process dying = holder.equals(instanceId("a")) ? processes.get(0) : processes.get(1);
            await().until(() -> Instant.now().isAfter(until.minusMillis(500)));
            dying.destroyForcibly();   // SIGKILL: it cannot release the trigger it holds
            dying.waitFor();
            Instant killed = Instant.now();

            await().atMost(Duration.ofSeconds(30)).until(() -> scheduled.equals(asterisk.astdb().get("afterhours/trygghetscenter/mode")));
            long late = Duration.between(until, Instant.now()).toMillis();
            int atBoundary = switchesAt(url, until);
            System.out.printf("Two processes: the trigger holder (%s) was SIGKILLed %d ms before the boundary; the other"
                    + " pushed %s %d ms after it; %d switch row(s) at the boundary%n",
                    dying == processes.get(0) ? "a" : "b", Duration.between(killed, until).toMillis(), scheduled, late, atBoundary);
            assertThat(atBoundary).as("the switch at the override's end is recorded once").isEqualTo(1);
            assertThat(Files.readString(dir.resolve("a.txt"))).as("the database URL's parameters stay out of the output")
                    .doesNotContain("user=");
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
                p.waitFor();
            }
            for (String process : List.of("a", "b")) {
                // what each process said, for whoever reads a failure
                Path console = dir.resolve(process + ".txt");
                if (Files.exists(console)) {
                    List<String> lines = Files.readAllLines(console);
                    System.out.println("--- process " + process + " ---");
                    lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(System.out::println);
                }
            }
            scratch.close();
        }
    }

    private Process start(String name, String url, int amiPort) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=config/logback.xml", "-jar", System.getProperty("afterhours.jar", "target/afterhours.jar"),
                "serve", "--config", dir.resolve("lab.yaml").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".txt").toFile()));
        Map<String, String> env = pb.environment();
        env.put("AFTERHOURS_DATABASE_URL", url);
        env.put("AFTERHOURS_LOG_DIR", dir.resolve("logs-" + name).toString());
        env.put("AFTERHOURS_AMI_PORT", Integer.toString(amiPort));
        env.put("AFTERHOURS_AMI_SECRET", SECRET);
        env.put("AFTERHOURS_FASTAGI_PORT", Integer.toString(Ports.free()));
        env.put("AFTERHOURS_HTTP_PORT", Integer.toString(Ports.free()));
        return pb.start();
    }

    /** The Quartz instance id a process logged when its scheduler started. */
    private String instanceId(String name) throws Exception {
        Path console = dir.resolve(name + ".txt");
        if (!Files.exists(console)) {
            return null;
        }
        Matcher m = STARTED.matcher(Files.readString(console));
        return m.find() ? m.group(1) : null;
    }

    private static String holder(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT instance_name FROM qrtz_fired_triggers WHERE trigger_name = 'trygghetscenter'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static int switchesAt(String url, Instant at) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM switch WHERE line_id = 'trygghetscenter' AND effective_at = " + at.toEpochMilli())) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
