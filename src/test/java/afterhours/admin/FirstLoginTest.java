package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.json.Json;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.CommandLineRun;
import afterhours.support.LogCapture;
import afterhours.support.MovableClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fresh install: the first admin is chosen through the console's one-time link, with no restart. */
class FirstLoginTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Instant NOW = Instant.parse("2026-11-25T11:00:00Z");

    @TempDir
    Path dir;

    private Afterhours app;
    private MovableClock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private String start() {
        AppConfig sample = TestConfigs.sample(dir);
        int port = Ports.free();
        AppConfig config = TestConfigs.withHttp(sample, port);
        clock = new MovableClock(NOW);
        app = Afterhours.open(config, new LoggingPbxGateway(), clock);
        app.start();
        app.startAdmin();
        base = "http://127.0.0.1:" + port;
        String link = app.firstLoginLink().orElseThrow();
        assertThat(link).startsWith(base + "/#setup=");
        return link.substring(link.indexOf("#setup=") + 7);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int statusAs(String user) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/status")).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String setup(String code, String name, String password) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void theSetupLinkCreatesTheFirstAdminOnceAndLogsIn() throws Exception {
        String code = start();
        assertThat(code).hasSize(22);
        assertThat(post("/setup", setup("wrong" + code.substring(5), "anna", PASSWORD)).statusCode()).isEqualTo(403);
        HttpResponse<String> shortPassword = post("/setup", setup(code, "anna", "short"));
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(shortPassword.body()).get("field").asText()).isEqualTo("password");
        HttpResponse<String> badName = post("/setup", setup(code, "anna karenina", PASSWORD));
        assertThat(Json.MAPPER.readTree(badName.body()).get("field").asText()).isEqualTo("name");

        HttpResponse<String> created = post("/setup", setup(code, "anna", PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode session = Json.MAPPER.readTree(created.body());
        assertThat(session.get("role").asText()).isEqualTo("admin");
        assertThat(created.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly");
        assertThat(statusAs("anna")).isEqualTo(200);
        assertThat(app.firstLoginLink()).isEmpty();

        assertThat(post("/setup", setup(code, "mallory", PASSWORD)).statusCode()).isEqualTo(409);
        assertThat(new UserStore(app.database()).find("mallory")).isEmpty();
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        String code = start();
        clock.advance(Duration.ofMinutes(61));
        HttpResponse<String> r = post("/setup", setup(code, "anna", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("wrong, used or expired setup code");
    }

    @Test
    void aUserAddedFromTheCommandLineWhileRunningCanLogInAtOnceAndTheLinkStaysUntilAnAdminExists() throws Exception {
        start();
        assertThat(statusAs("vera")).isEqualTo(401);
        UserStore users = new UserStore(app.database());
        users.put("vera", Role.VIEWER, Passwords.hash(PASSWORD), Instant.now());
        assertThat(statusAs("vera")).isEqualTo(200);
        assertThat(app.firstLoginLink()).as("a viewer is not the first admin").isPresent();
        users.put("anna", Role.ADMIN, Passwords.hash(PASSWORD), Instant.now());
        assertThat(app.firstLoginLink()).as("no setup once an admin exists").isEmpty();
    }

    /** Guards "an API token created from the CLI before the first admin closes the setup link". */
    @Test
    void aTokenMadeBeforeTheFirstAdminLeavesTheSetupLinkOpen() throws Exception {
        String code = start();
        new UserStore(app.database()).addToken("nightly-export", Role.VIEWER, Passwords.tokenHash(Passwords.newToken()),
                Instant.now());
        // not even an admin's token, made by the command line with its account rules: a token is no user
        assertThat(CommandLineRun.on(dir.resolve("afterhours.db"), "", "user", "token", "ops-script", "--role", "admin").exitCode())
                .isZero();
        assertThat(app.firstLoginLink()).isPresent();
        HttpResponse<String> created = post("/setup", setup(code, "anna", PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    /** Guards "30 wrong codes from one address all get 403, never a 429": a setup code is throttled like a password. */
    @Test
    void wrongSetupCodesFromOneAddressAreThrottledLikePasswords() throws Exception {
        String code = start();
        int forbidden = 0;
        int tooMany = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = post("/setup", setup("wrong-" + i, "mallory", PASSWORD));
            if (r.statusCode() == 429) {
                tooMany++;
                assertThat(Json.MAPPER.readTree(r.body()).get("code").asText()).isIn("login_backoff", "login_lockout");
            } else {
                assertThat(r.statusCode()).isEqualTo(403);
                forbidden++;
            }
        }
        assertThat(forbidden).as("checked before the waits begin").isEqualTo(4);
        assertThat(tooMany).isEqualTo(26);
        // the same address waits even with the right code; the code itself still works once the wait is over
        assertThat(post("/setup", setup(code, "anna", PASSWORD)).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(post("/setup", setup(code, "anna", PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void theCodeNeverReachesTheLog() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            String code = start();
            assertThat(logs.all()).contains("The first-login link is on the console").doesNotContain(code);
        }
    }
}
