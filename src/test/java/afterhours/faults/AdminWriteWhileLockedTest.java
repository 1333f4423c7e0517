package afterhours.faults;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another process holds the SQLite file longer than the 10 s busy timeout: an admin change is answered
 * 503 with Retry-After (not 500), nothing changes, and the same request succeeds once the file is free.
 */
class AdminWriteWhileLockedTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOURS = "/api/v1/lines/trygghetscenter/hours";
    private static final String LATE = "{\"monday\":[\"12:00-19:00\"]}";

    @TempDir
    Path dir;

    @Test
    void aChangeTheDatabaseCannotTakeIsRefusedWith503AndChangesNothing() throws Exception {
        int port = Ports.free();
        AppConfig config = TestConfigs.withHttp(TestConfigs.sample(dir), port);
        try (Afterhours app = Afterhours.open(config, new LoggingPbxGateway(), OffsetClock.startingAt(Instant.parse("2026-11-25T11:00:00Z")))) {
            app.start();
            new UserStore(app.database()).put("anna", Role.ADMIN, Passwords.hash(PASSWORD), Instant.now());
            app.startAdmin();
            String base = "http://127.0.0.1:" + port;
            String before = send(base, "GET", null).body();

            Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                    config.database().toString(), "11500").redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
            assertThat(DatabaseLockedTest.untilLine(out, "locked")).isTrue();

            HttpResponse<String> refused = send(base, "PUT", LATE);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).contains("\"unavailable\"", "nothing was changed").doesNotContain("Exception", "SQLITE");
            assertThat(send(base, "GET", null).body()).as("the hours as they were").isEqualTo(before);

            assertThat(DatabaseLockedTest.untilLine(out, "released")).isTrue();
            HttpResponse<String> again = send(base, "PUT", LATE);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(send(base, "GET", null).body()).contains("12:00-19:00");
        }
    }

    private static HttpResponse<String> send(String base, String method, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + HOURS))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("anna:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
