package afterhours.cli;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.notify.RetryPolicy;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.secrets.SecretBox;
import afterhours.secrets.SecretKeys;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.support.WebhookReceiver;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code afterhours secret-key rotate}, while the service runs: every stored secret under the new key, the old one retired. */
class SecretKeyCommandTest {
    private static final String SECRET = "a-shared-secret-of-32-characters";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String LINE = "/api/v1/lines/trygghetscenter";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    private Afterhours app() {
        AppConfig config = TestConfigs.withHttp(TestConfigs.sample(dir), Ports.free());
        Afterhours app = Afterhours.open(config, new LoggingPbxGateway(), OffsetClock.startingAt(local("2026-11-27T13:10")));
        app.start();
        if (new UserStore(app.database()).count() == 0) {
            new UserStore(app.database()).put("anna", Role.ADMIN, Passwords.hash(PASSWORD), Instant.now());
        }
        app.startAdmin();
        app.startNotifications(new RetryPolicy(Duration.ofMillis(150), Duration.ofMillis(600), 4));
        base = "http://127.0.0.1:" + config.http().port();
        return app;
    }

    private String[] rotate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AfterhoursCommand.run(new String[] {"secret-key", "rotate", "--config", "config/afterhours.yaml"},
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("afterhours.db").toString()), Clock.systemUTC(),
                InputStream.nullInputStream(), new PrintStream(out, true), new PrintStream(err, true), Afterhours::serve);
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private long addWebhook(String url) throws Exception {
        HttpResponse<String> r = send("POST", LINE + "/recipients", "{\"name\":\"Vaktbolaget\",\"channel\":\"webhook\",\"address\":\""
                + url + "\",\"secret\":\"" + SECRET + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return afterhours.json.Json.MAPPER.readTree(r.body()).get("id").asLong();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("anna:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRotationSealsEverySecretWithANewKeyWhileTheServiceKeepsSending() throws Exception {
        SecretKeys keys = SecretKeys.at(dir.resolve("secret.key"));
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            long first;
            long second;
            String before;
            try (Afterhours app = app()) {
                first = addWebhook(receiver.url());
                before = keys.current().orElseThrow().id();
                assertThat(SecretBox.keyId(app.recipients().secrets().get(first))).isEqualTo(before);

                String[] r = rotate();
                assertThat(r[0]).as(r[2]).isEqualTo("0");
                String after = keys.current().orElseThrow().id();
                assertThat(after).isNotEqualTo(before);
                assertThat(keys.keys()).as("the old key is retired").extracting(SecretKeys.Key::id).containsExactly(after);
                assertThat(r[1]).contains("Key " + after + " now encrypts the 1 webhook secret(s)", "the old key " + before
                        + " is retired");
                assertThat(Files.readString(keys.file())).doesNotContain(SECRET);
                assertThat(SecretBox.keyId(app.recipients().secrets().get(first))).isEqualTo(after);

                // the running service reads the new file: it sends with the secret sealed again, and seals a new one with it
                assertThat(send("POST", LINE + "/recipients/" + first + "/test", null).statusCode()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
                second = addWebhook(receiver.url());
                assertThat(SecretBox.keyId(app.recipients().secrets().get(second))).isEqualTo(after);
            }
            try (Afterhours again = app()) {
                send("POST", LINE + "/recipients/" + first + "/test", null);
                send("POST", LINE + "/recipients/" + second + "/test", null);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
            }
            assertThat(receiver.received()).allMatch(WebhookReceiver.Received::signed);
        }
    }

    @Test
    void aRotationThatCannotReadEverySecretChangesNothing() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET); Afterhours app = app()) {
            addWebhook(receiver.url());
        }
        Path file = dir.resolve("secret.key");
        Files.delete(file);
        SecretKeys.at(file).createIfMissing();   // another key: the stored secret does not open with it
        String keyFile = Files.readString(file);
        String[] r = rotate();
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("error: nothing was changed: some stored secrets cannot be read with " + file.toAbsolutePath())
                .contains("recipient 1: it was encrypted with key");
        assertThat(Files.readString(file)).isEqualTo(keyFile);
    }
}
