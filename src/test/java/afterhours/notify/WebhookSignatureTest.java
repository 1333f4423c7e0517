package afterhours.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.json.Json;
import afterhours.support.WebhookReceiver;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards "the signature covers the body only, with no timestamp, so a captured request can be replayed at any
 * time": a real signed request, checked by the receivers the README prints (its Python and its shell lines, run
 * as written), is taken when fresh and refused when replayed six minutes later or with its body changed.
 */
class WebhookSignatureTest {
    private static final String SECRET = "a-shared-secret-of-32-characters";
    private static final String LINE = "/api/v1/lines/trygghetscenter";

    @TempDir
    Path dir;

    private final NotifyingService service = new NotifyingService();

    /** A test message as the receiver got it. */
    private WebhookReceiver.Received captured() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET);
             Afterhours app = service.start(dir, null, Clock.systemUTC(), RetryPolicy.DEFAULT)) {
            HttpResponse<String> r = service.send("POST", LINE + "/recipients", "{\"name\":\"Vakt\",\"channel\":\"webhook\","
                    + "\"address\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            long id = Json.MAPPER.readTree(r.body()).get("id").asLong();
            assertThat(service.send("POST", LINE + "/recipients/" + id + "/test", null).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            return receiver.received().get(0);
        }
    }

    @Test
    void theSignatureHasTheStripeShapeAndCoversTheTimeWithTheBody() throws Exception {
        WebhookReceiver.Received request = captured();
        assertThat(request.signature()).matches("t=\\d{10},v1=[0-9a-f]{64}");
        assertThat(request.signed()).as("HMAC-SHA256 of \"t.body\"").isTrue();
        assertThat(request.sentWithin(Duration.ofMinutes(5), java.time.Instant.now())).isTrue();
        assertThat(request.sentWithin(Duration.ofMinutes(5), java.time.Instant.now().plus(Duration.ofMinutes(6))))
                .as("the same request six minutes later: a replay").isFalse();
    }

    @Test
    void theReadmesPythonReceiverTakesAFreshRequestAndRefusesAReplayOrAChangedBody() throws Exception {
        Assumptions.assumeTrue(onPath("python3"), "no python3 here: the README's Python receiver is not run");
        WebhookReceiver.Received request = captured();
        long t = request.signedAt().getEpochSecond();
        Path body = Files.write(dir.resolve("body.json"), request.body().getBytes(StandardCharsets.UTF_8));
        Path script = Files.writeString(dir.resolve("receiver.py"), readmeBlock("python", "def verified(") + """

                import sys, time
                raw = open(sys.argv[1], "rb").read()
                header, secret, t = sys.argv[2], sys.argv[3], int(sys.argv[4])
                for now, body in ((t + 10, raw), (t + 299, raw), (t + 360, raw), (t - 360, raw), (t + 10, raw + b" ")):
                    time.time = lambda: now
                    print(verified(body, header, secret))
                """);
        List<String> said = run(List.of("python3", script.toString(), body.toString(), request.signature(), SECRET,
                Long.toString(t)), List.of());
        assertThat(said).as("fresh, 299 s old, replayed 6 min later, 6 min ahead, a changed body")
                .containsExactly("True", "True", "False", "False", "False");
    }

    @Test
    void theReadmesShellLinesTakeAFreshRequestAndRefuseAReplay() throws Exception {
        Assumptions.assumeTrue(onPath("openssl"), "no openssl here: the README's shell receiver is not run");
        WebhookReceiver.Received request = captured();
        Files.write(dir.resolve("body.json"), request.body().getBytes(StandardCharsets.UTF_8));
        String lines = readmeBlock("sh", "SIG#t=");
        assertThat(run(List.of("sh", "-c", lines), List.of("SIG=" + request.signature(), "SECRET=" + SECRET)))
                .as("a fresh request passes both checks").isEmpty();
        // six minutes later: a date that says so, first on the path
        Path later = Files.createDirectories(dir.resolve("later"));
        Path date = Files.writeString(later.resolve("date"), "#!/bin/sh\necho " + (request.signedAt().getEpochSecond() + 360) + "\n");
        assertThat(date.toFile().setExecutable(true)).isTrue();
        assertThat(run(List.of("sh", "-c", lines), List.of("SIG=" + request.signature(), "SECRET=" + SECRET,
                "PATH=" + later + ":" + System.getenv("PATH")))).containsExactly("replayed or badly timed");
        assertThat(run(List.of("sh", "-c", lines), List.of("SIG=" + request.signature(), "SECRET=another-secret-of-32-chars")))
                .containsExactly("not signed with our secret");
    }

    /** The README's fenced block of {@code language} that contains {@code marker}. */
    private static String readmeBlock(String language, String marker) throws Exception {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                return m.group(1);
            }
        }
        throw new AssertionError("README.md has no ```" + language + " block with " + marker);
    }

    private List<String> run(List<String> command, List<String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        for (String e : env) {
            pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new ArrayList<>(out.lines().toList());
        return lines;
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
