package afterhours.notify;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.json.Json;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.store.Backup;
import afterhours.support.LogCapture;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.support.WebhookReceiver;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook's secret through the running service: where it may come from, how it is kept (encrypted with a key
 * outside the database), what becomes of one an older version stored, and what happens when the key is lost.
 */
class WebhookSecretsTest {
    private static final String SECRET = "a-shared-secret-of-32-characters";
    /** Set for the tests by the build (pom.xml), as an operator sets it in the service's environment. */
    private static final String FROM_ENV = "a-secret-from-the-environment-42";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String LINE = "/api/v1/lines/trygghetscenter";
    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(150), Duration.ofMillis(600), 4);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    private Afterhours app() {
        AppConfig s = TestConfigs.sample(dir);
        AppConfig config = TestConfigs.withHttp(s, Ports.free());
        Afterhours app = Afterhours.open(config, new LoggingPbxGateway(), OffsetClock.startingAt(local("2026-11-27T13:10")));
        app.start();
        if (new UserStore(app.database()).count() == 0) {
            new UserStore(app.database()).put("anna", Role.ADMIN, Passwords.hash(PASSWORD), Instant.now());
        }
        app.startAdmin();
        app.startNotifications(QUICK);
        base = "http://127.0.0.1:" + config.http().port();
        return app;
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

    private HttpResponse<String> addWebhook(String url, String secret) throws Exception {
        return send("POST", LINE + "/recipients", "{\"name\":\"Vaktbolaget\",\"channel\":\"webhook\",\"address\":\"" + url
                + "\",\"secret\":\"" + secret + "\"}");
    }

    /** As an older version stored it: the secret column as given, no check. */
    private static long storeAsOlderVersion(Afterhours app, String url, String secret) {
        return app.database().write("a recipient of an older version", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_recipient (line_id, name, channel, address, secret,"
                    + " language, events, down_minutes, created_at) VALUES ('trygghetscenter', 'Old', 'webhook', ?, ?, 'sv',"
                    + " 'unscheduled', 10, 0)")) {
                ps.setString(1, url);
                ps.setString(2, secret);
                ps.executeUpdate();
            }
            try (var rs = c.createStatement().executeQuery("SELECT MAX(id) FROM notify_recipient")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static String storedSecret(Afterhours app, long id) {
        return app.recipients().secrets().get(id);
    }

    private JsonNode deliveries() throws Exception {
        return Json.MAPPER.readTree(send("GET", LINE + "/deliveries", null).body());
    }

    private static String code(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body()).get("code").asText();
    }

    /** Guards "a webhook can be signed with the service's own secrets" and "an env: name that is not set is accepted". */
    @Test
    void onlyAnAllowListedVariableThatIsSetSignsAWebhook() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(FROM_ENV); Afterhours app = app()) {
            HttpResponse<String> smtp = addWebhook(receiver.url(), "env:AFTERHOURS_SMTP_PASSWORD");
            assertThat(smtp.statusCode()).isEqualTo(400);
            assertThat(code(smtp)).isEqualTo("env_not_allowed");
            assertThat(code(addWebhook(receiver.url(), "env:AFTERHOURS_AMI_SECRET"))).isEqualTo("env_not_allowed");
            HttpResponse<String> unset = addWebhook(receiver.url(), "env:AFTERHOURS_WEBHOOK_NEVER_SET");
            assertThat(unset.statusCode()).isEqualTo(400);
            assertThat(code(unset)).isEqualTo("env_unset");
            assertThat(send("GET", LINE + "/recipients", null).body()).isEqualTo("[]");

            HttpResponse<String> good = addWebhook(receiver.url(), "env:AFTERHOURS_WEBHOOK_TEST_SECRET");
            assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
            assertThat(Json.MAPPER.readTree(good.body()).get("secret").asText()).isEqualTo("env:AFTERHOURS_WEBHOOK_TEST_SECRET");
            long id = Json.MAPPER.readTree(good.body()).get("id").asLong();
            assertThat(send("POST", LINE + "/recipients/" + id + "/test", null).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().get(0).signed()).as("signed with the variable's value").isTrue();
        }
    }

    /** A recipient an older version stored with the service's own secret, or an unset variable: never sent, failed at once. */
    @Test
    void aStoredNameOfTheServicesOwnSecretIsNeverUsedAndAnUnsetOneFailsAtOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET); Afterhours app = app()) {
            long smtp = storeAsOlderVersion(app, receiver.url(), "env:AFTERHOURS_SMTP_PASSWORD");
            long unset = storeAsOlderVersion(app, receiver.url(), "env:AFTERHOURS_WEBHOOK_NEVER_SET");
            send("POST", LINE + "/recipients/" + smtp + "/test", null);
            send("POST", LINE + "/recipients/" + unset + "/test", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().findValuesAsText("status").stream()
                    .filter("failed"::equals).count() == 2);
            assertThat(receiver.requests()).as("nothing signed with them ever left").isZero();
            for (JsonNode d : deliveries()) {
                assertThat(d.get("attempts").asInt()).as("given up at once, not after 2.5 hours").isEqualTo(1);
                assertThat(d.get("lastError").asText()).matches(d.get("recipient").asLong() == smtp
                        ? "env:AFTERHOURS_SMTP_PASSWORD is not allowed.*" : "AFTERHOURS_WEBHOOK_NEVER_SET is not set.*");
            }
        }
    }

    /** Guards "webhook secrets are stored in plain text, so every backup holds them". */
    @Test
    void aSecretIsStoredEncryptedSoTheDatabaseAndItsBackupRevealNone() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET); LogCapture logs = new LogCapture(); Afterhours app = app()) {
            HttpResponse<String> added = addWebhook(receiver.url(), SECRET);
            assertThat(added.statusCode()).isEqualTo(201);
            long id = Json.MAPPER.readTree(added.body()).get("id").asLong();
            String stored = storedSecret(app, id);
            assertThat(stored).startsWith("sealed:v1:").doesNotContain(SECRET);
            assertThat(send("GET", LINE + "/recipients", null).body()).contains("\"secret\":\"set\"").doesNotContain("sealed:");
            Path key = dir.resolve("secret.key");
            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(key)).doesNotContain(SECRET);

            Path backup = dir.resolve("backup/copy.db");
            Backup.to(app.database(), backup);
            assertThat(contains(backup, SECRET)).as("the backup").isFalse();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("afterhours.db")).toList()) {
                    assertThat(contains(f, SECRET)).as(f.toString()).isFalse();
                }
            }
            send("POST", LINE + "/recipients/" + id + "/test", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().get(0).signed()).isTrue();
            assertThat(logs.all()).doesNotContain(SECRET);
        }
    }

    /** Secrets an older version stored in the clear are encrypted at the first start with a key. */
    @Test
    void secretsStoredInTheClearAreEncryptedAtTheNextStart() throws Exception {
        long id;
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            try (Afterhours older = app()) {
                id = storeAsOlderVersion(older, receiver.url(), SECRET);
            }
            Files.delete(dir.resolve("secret.key"));   // the older version had no key
            try (LogCapture logs = new LogCapture(); Afterhours app = app()) {
                assertThat(Files.exists(dir.resolve("secret.key"))).isTrue();
                assertThat(storedSecret(app, id)).startsWith("sealed:v1:").doesNotContain(SECRET);
                assertThat(logs.all()).contains("1 webhook secret(s) stored in the clear by an older version are now encrypted");
                send("POST", LINE + "/recipients/" + id + "/test", null);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
                assertThat(receiver.received().get(0).signed()).isTrue();
            }
        }
    }

    /** With the key lost, no new key is made over secrets it sealed: those webhooks fail saying why, nothing is guessed. */
    @Test
    void aLostKeyIsNeverReplacedOverTheSecretsItSealed() throws Exception {
        long id;
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            try (Afterhours first = app()) {
                id = Json.MAPPER.readTree(addWebhook(receiver.url(), SECRET).body()).get("id").asLong();
            }
            Files.delete(dir.resolve("secret.key"));
            try (LogCapture logs = new LogCapture(); Afterhours app = app()) {
                assertThat(Files.exists(dir.resolve("secret.key"))).as("no new key over sealed secrets").isFalse();
                assertThat(logs.all()).contains("the key file " + dir.resolve("secret.key").toAbsolutePath() + " is missing");
                HttpResponse<String> literal = addWebhook(receiver.url(), SECRET);
                assertThat(literal.statusCode()).isEqualTo(400);
                assertThat(code(literal)).isEqualTo("secret_key_missing");
                assertThat(addWebhook(receiver.url(), "env:AFTERHOURS_WEBHOOK_TEST_SECRET").statusCode()).isEqualTo(201);
                send("POST", LINE + "/recipients/" + id + "/test", null);
                await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().findValuesAsText("status").contains("failed"));
                JsonNode failed = deliveries().get(0);
                assertThat(failed.get("attempts").asInt()).isEqualTo(1);
                assertThat(failed.get("lastError").asText()).contains("does not hold", "secret.key");
                assertThat(receiver.requests()).isZero();
            }
        }
    }

    private static boolean contains(Path file, String text) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }
}
