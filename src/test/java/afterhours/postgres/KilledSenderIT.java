package afterhours.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.notify.Notice;
import afterhours.notify.Recipient;
import afterhours.notify.RetryPolicy;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.Ports;
import afterhours.support.StallingReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service as a real process on the shared PostgreSQL, killed (SIGKILL) while it sends a webhook to a
 * receiver that stalls: while it ran, another instance left its claim alone; the next start sends the message at
 * once, not when the killed process's five-minute claim runs out.
 */
class KilledSenderIT {
    private static final String SECRET = "a-shared-secret-of-32-characters";

    @TempDir
    Path dir;

    @Test
    void aMessageTheKilledProcessWasSendingIsSentAtTheNextStart() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase("killedsender");
             StallingReceiver stalling = new StallingReceiver(StallingReceiver.Way.HEADERS_THEN_STALL)) {
            Map<String, String> env = new HashMap<>();
            env.put(ConfigLoader.ENV_DATABASE_URL, scratch.url);
            env.put(ConfigLoader.ENV_SECRET_KEY_FILE, dir.resolve("secret.key").toString());
            env.put("AFTERHOURS_LOG_DIR", dir.resolve("logs").toString());
            env.put(ConfigLoader.ENV_HTTP_PORT, Integer.toString(Ports.free()));
            env.put(ConfigLoader.ENV_FASTAGI_PORT, Integer.toString(Ports.free()));
            Path lab = Files.copy(Path.of("src/test/resources/config/lab.yaml"), dir.resolve("lab.yaml"));
            AppConfig config = ConfigLoader.load(lab, env);
            // the recipient and its message, waiting in the shared outbox
            try (Afterhours setup = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC())) {
                setup.start();
                Recipient r = setup.database().write("adding a recipient", c -> setup.recipients().add(c, new Recipient(0,
                        "trygghetscenter", "Stalls", Recipient.Channel.WEBHOOK, stalling.url(), SECRET, Locale.forLanguageTag("sv"),
                        EnumSet.of(Recipient.Event.UNSCHEDULED), 0, Instant.now(), Recipient.Numbers.MASKED)));
                var line = setup.switchboard().line("trygghetscenter").orElseThrow().setup();
                setup.database().write("a test message", c -> setup.outbox().enqueueFor(c, r, Notice.test(line, Instant.now(), "anna")));
            }
            Process sender = start(env);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> stalling.requests() == 1);
                // another instance, started while the process sends: the claim is not its to take
                try (Afterhours other = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC())) {
                    other.start();
                    other.startNotifications(RetryPolicy.DEFAULT);
                    Thread.sleep(3000);
                    assertThat(stalling.requests()).as("a running instance's message is not sent again").isEqualTo(1);
                }
                sender.destroyForcibly();
                sender.waitFor();
            } finally {
                sender.destroyForcibly();
                sender.waitFor();
            }
            try (Afterhours next = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC())) {
                next.start();
                long started = System.nanoTime();
                next.startNotifications(RetryPolicy.DEFAULT);
                await().atMost(Duration.ofSeconds(10)).until(() -> stalling.requests() == 2);
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("Killed sender: the message the SIGKILLed process was sending went again %d ms after the"
                        + " next start%n", millis);
                assertThat(millis).as("at the start, not after the claim's 5 minutes").isLessThan(10_000);
            } finally {
                Path console = dir.resolve("sender.txt");
                if (Files.exists(console)) {
                    List<String> lines = Files.readAllLines(console);
                    lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(System.out::println);
                }
            }
        }
    }

    private Process start(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=config/logback.xml", "-jar", System.getProperty("afterhours.jar", "target/afterhours.jar"),
                "serve", "--config", dir.resolve("lab.yaml").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sender.txt").toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }
}
