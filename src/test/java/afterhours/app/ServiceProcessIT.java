package afterhours.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.asterisk.AmiStandIn;
import afterhours.asterisk.FastAgiClient;
import afterhours.support.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a real process: serve until SIGTERM, simulate, exit codes, logs without secrets. */
class ServiceProcessIT {
    private static final String SECRET = "never-log-this-secret-7f3a";

    @TempDir
    Path dir;

    private final int agiPort = Ports.free();
    private final int amiPort = Ports.free();

    private ProcessBuilder jar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=config/logback.xml", "-jar", System.getProperty("afterhours.jar", "target/afterhours.jar")));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("AFTERHOURS_DATABASE", dir.resolve("service.db").toString());
        env.put("AFTERHOURS_LOG_DIR", dir.resolve("logs").toString());
        env.put("AFTERHOURS_AMI_SECRET", SECRET);
        env.put("AFTERHOURS_AMI_PORT", Integer.toString(amiPort));
        env.put("AFTERHOURS_FASTAGI_PORT", Integer.toString(agiPort));
        return pb.redirectErrorStream(true);
    }

    @Test
    void servesAsteriskUntilSigtermThenStopsCleanly() throws Exception {
        // output to a file: reading a pipe races with the JDK closing it when the process exits
        Path console = dir.resolve("console.txt");
        Process service = jar("serve").redirectOutput(console.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(console).stream().anyMatch(l -> l.startsWith("  line trygghetscenter:")));
            List<String> output = lines(console);
            assertThat(output).as("service output").anyMatch(l -> l.startsWith("Afterhours is running"));
            assertThat(output).anyMatch(l -> l.equals("  database:   " + dir.resolve("service.db")));
            assertThat(output).anyMatch(l -> l.matches("  line trygghetscenter: (OPEN|FORWARDED) \\(\\w+\\), next change .*"));
            assertThat(switchRows()).isEqualTo(1);

            // the packaged jar talks AMI (Asterisk-Java inside the flat jar) and answers FastAGI
            AmiStandIn pbx = startStandIn();
            try {
                // the four keys, then the lamp
                await().atMost(Duration.ofSeconds(30)).until(() -> pbx.astdb().containsKey("afterhours/trygghetscenter/mode")
                        && !pbx.deviceState("Custom:afterhours-trygghetscenter").equals("UNKNOWN"));
                assertThat(pbx.deviceState("Custom:afterhours-trygghetscenter")).isIn("INUSE", "NOT_INUSE");
                FastAgiClient.Call call = new FastAgiClient(agiPort).call("call-open-agi.agi.rx", "route?line=trygghetscenter", Map.of());
                assertThat(call.variables().get("AH_DIAL")).isIn("PJSIP/reception", "PJSIP/0771000000@contractor");
            } finally {
                pbx.close();
            }

            // Asterisk is gone: the service waits out a reconnect backoff, which stopping must not wait for
            long stopping = System.nanoTime();
            service.destroy();   // SIGTERM
            assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            Duration stop = Duration.ofNanos(System.nanoTime() - stopping);
            System.out.printf("SIGTERM with no call in flight and AMI reconnecting: stopped in %d ms%n", stop.toMillis());
            assertThat(stop).as("no reconnect backoff waited out").isLessThan(Duration.ofSeconds(3));
        } finally {
            service.destroyForcibly();
        }
        List<String> output = lines(console);
        assertThat(service.exitValue()).isEqualTo(143);  // the JVM's exit code after SIGTERM and its shutdown hooks
        assertThat(output).anyMatch(l -> l.contains("Stopping")).anyMatch(l -> l.contains("Stopped"));
        String logFile = Files.readString(dir.resolve("logs/afterhours.log"));
        assertThat(logFile).contains("Line trygghetscenter: (first start) -> ");
        // no user yet: the one-time first-login link is on the console, and only there
        String link = output.stream().filter(l -> l.contains("/#setup=")).findFirst().orElseThrow().strip();
        assertThat(logFile).contains("The first-login link is on the console").doesNotContain(link.substring(link.indexOf('=') + 1));
        assertThat(logFile + String.join("\n", output)).doesNotContain(SECRET);
    }

    @Test
    void aTakenFastAgiPortStopsTheJarWithOneLineAndExitCode2() throws Exception {
        Path console = dir.resolve("taken.txt");
        try (ServerSocket other = new ServerSocket(agiPort, 50, InetAddress.getByName("127.0.0.1"))) {
            Process service = jar("serve").redirectOutput(console.toFile()).start();
            try {
                assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped by itself").isTrue();
            } finally {
                service.destroyForcibly();
            }
            assertThat(service.exitValue()).isEqualTo(2);
        }
        String expected = "error: cannot start: the FastAGI port " + agiPort + " on 127.0.0.1 cannot be bound (Address already"
                + " in use): another instance or program may listen there";
        List<String> output = lines(console);
        assertThat(output).as("console").containsOnlyOnce(expected).noneMatch(l -> l.startsWith("Afterhours is running"));
        String all = String.join("\n", output) + "\n" + Files.readString(dir.resolve("logs/afterhours.log"));
        assertThat(all).as("no stack trace").doesNotContain("\tat ", "Exception");
    }

    @Test
    void simulateFromTheJar() throws Exception {
        Process missing = jar("simulate", "--line", "trygghetscenter", "--at", "2026-06-19T12:00").start();
        String missingErr = new String(missing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(missing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(missing.exitValue()).as("a read-only command on no database").isEqualTo(2);
        assertThat(missingErr).contains("error: no database at ").contains("afterhours migrate");

        Process migrate = jar("migrate").start();
        String migrated = new String(migrate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(migrate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(migrate.exitValue()).as(migrated).isZero();

        Process p = jar("simulate", "--line", "trygghetscenter", "--at", "2026-06-19T12:00").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).contains("{\"line\":\"trygghetscenter\",\"zone\":\"Europe/Stockholm\",\"at\":\"2026-06-19T12:00:00+02:00\","
                + "\"mode\":\"FORWARDED\",\"reason\":\"HOLIDAY\",\"detail\":\"Midsommarafton\"");

        Process bad = jar("simulate", "--line", "trygghetscenter", "--at", "noon").start();
        String err = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(err).contains("error: --at: expected a date and time");
    }

    private AmiStandIn startStandIn() throws IOException {
        AmiStandIn pbx = new AmiStandIn("afterhours", SECRET, true);
        pbx.usePort(amiPort);
        return pbx.start();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private int switchRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("service.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM switch")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
