package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.audit.AuditLog;
import afterhours.config.AppConfig;
import afterhours.json.Json;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.Filler;
import afterhours.support.LogCapture;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a hostile client can and cannot do to the admin endpoint: limits, the throttle behind a proxy, no 5xx. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminLimitsTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String LINE = "/api/v1/lines/trygghetscenter";

    private Afterhours app;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeAll
    void start(@TempDir Path dir) {
        AppConfig sample = TestConfigs.sample(dir);
        int port = Ports.free();
        AppConfig config = new AppConfig(sample.database(), new AppConfig.Http("127.0.0.1", port, "127.0.0.1"),
                sample.ami(), sample.fastAgi(), sample.stateGrace(), sample.verifyPeriod(), sample.watchdogPeriod(),
                sample.lines(), sample.callRetention(), sample.databaseUrl());
        app = Afterhours.open(config, new LoggingPbxGateway(), OffsetClock.startingAt(Instant.parse("2026-11-25T11:00:00Z")));
        app.start();
        new UserStore(app.database()).put("anna", Role.ADMIN, Passwords.hash(PASSWORD), Instant.now());
        app.startAdmin();
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A body of {@code size} bytes sent chunked: no Content-Length, so only reading can bound it. */
    private static HttpRequest.BodyPublisher chunked(long size) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(size, ' '));
    }

    private int send(HttpRequest request) throws Exception {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException refusedMidBody) {
            return -1;   // the server answered 413 and closed while the client was still sending
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aChunkedBodyIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        long usedBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long t = System.nanoTime();
        int status = send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/json")
                .POST(chunked(300L * 1024 * 1024)).build());
        Duration took = Duration.ofNanos(System.nanoTime() - t);
        assertThat(status).isIn(413, -1);
        assertThat(took).as("read no further than the limit").isLessThan(Duration.ofSeconds(5));
        long usedAfter = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThat(usedAfter - usedBefore).as("the 300 MB were not kept").isLessThan(100L * 1024 * 1024);

        // the server reads no further than the limit and what it discards: the rest never crosses the socket
        assertThat(bytesAcceptedOfAChunkedBody(300L * 1024 * 1024)).as("bytes the server took of a 300 MB body")
                .isLessThan(32L * 1024 * 1024);

        int hours = send(HttpRequest.newBuilder(URI.create(base + LINE + "/hours")).header("Content-Type", "application/json")
                .header("Authorization", basic("anna", PASSWORD)).PUT(chunked(70 * 1024)).build());
        assertThat(hours).isIn(413, -1);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/health")).build())).isEqualTo(200);
    }

    /** Sends a chunked body over a bare socket until the server stops taking it; returns the bytes it took. */
    private long bytesAcceptedOfAChunkedBody(long size) throws Exception {
        try (Socket s = new Socket("127.0.0.1", URI.create(base).getPort())) {
            s.setSoTimeout(5000);
            java.io.OutputStream out = s.getOutputStream();
            out.write(("POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                while (sent < size) {
                    out.write(head);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
            } catch (IOException cut) {
                // the server closed the connection: what was sent so far is all it took (plus socket buffers)
            }
            return sent;
        }
    }

    @Test
    void withEveryConnectionTakenIdleOnesAreDroppedSoonAndTheNextClientIsServed() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < AdminServer.MAX_CONNECTIONS; i++) {
                Socket s = new Socket("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
                s.setSoTimeout((int) AdminServer.IDLE_MILLIS);
                idle.add(s);
            }
            long start = System.nanoTime();
            HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThat(fresh.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(8)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            long waited = (System.nanoTime() - start) / 1_000_000;
            // the limit held the new client back until the crowded idle time dropped a silent connection
            assertThat(waited).isBetween(AdminServer.CROWDED_IDLE_MILLIS / 2, AdminServer.IDLE_MILLIS - 1000);
            assertThat(idle.get(0).getInputStream().read()).as("a silent connection is closed by the server").isEqualTo(-1);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void aHeaderLargerThanTheLimitIsRefused() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .header("X-Big", "x".repeat(AdminServer.MAX_HEADER + 1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(431);
    }

    @Test
    void loginTakesJsonOnly() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"anna\",\"password\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(415);
        HttpResponse<String> jsonx = http.send(HttpRequest.newBuilder(URI.create(base + LINE + "/hours"))
                .header("Content-Type", "application/jsonx").header("Authorization", basic("anna", PASSWORD))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(jsonx.statusCode()).isEqualTo(415);
    }

    @Test
    void behindTheTrustedProxyEachClientIsThrottledOnItsOwn() throws Exception {
        for (int i = 0; i < 12; i++) {
            login("203.0.113.7", "kent", "wrong" + i);
        }
        HttpResponse<String> locked = login("203.0.113.7", "anna", PASSWORD);
        assertThat(locked.statusCode()).as("the address is refused, whoever it tries").isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(login("203.0.113.8", "anna", PASSWORD).statusCode()).as("another client behind the same proxy").isEqualTo(200);
    }

    private HttpResponse<String> login(String client, String name, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100.1, " + client)   // the proxy appends the real client last
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/calls?to=%2B999999999-12-31", "/stats?from=-999999999-01-01", "/preview?from=-999999999-01-01T00:00",
        "/preview?from=-000001-01-01T00:00", "/calls.csv?from=0000-01-01", "/holidays?year=999999999",
        "/preview?from=%2B999999999-12-31T23:59:59%2B01:00"})
    void extremeDatesAnswer400NamingTheParameterAndNoStackTrace(String query) throws Exception {
        try (LogCapture logs = new LogCapture()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + LINE + query))
                    .header("Authorization", basic("anna", PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            String parameter = query.substring(query.indexOf('?') + 1, query.indexOf('='));
            assertThat(Json.MAPPER.readTree(r.body()).get("field").asText()).isEqualTo(parameter);
            assertThat(r.body()).doesNotContain("java.", "afterhours.", "Exception");
            assertThat(logs.all()).doesNotContain("Exception");
        }
    }

    @Test
    void readingCallsIsAuditedAndAnUnchangedSaveIsNot() throws Exception {
        AuditLog audit = new AuditLog(app.database());
        int before = audit.recent(1000).size();
        http.send(HttpRequest.newBuilder(URI.create(base + LINE + "/calls?from=2026-11-01&to=2026-11-30&answered=no"))
                .header("Authorization", basic("anna", PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        List<AuditLog.Entry> entries = audit.recent(1000);
        assertThat(entries).hasSize(before + 1);
        AuditLog.Entry read = entries.stream().filter(e -> e.action().equals("calls-listed")).findFirst().orElseThrow();
        assertThat(read.actor()).isEqualTo("anna");
        assertThat(read.after()).contains("\"from\":\"2026-11-01T00:00:00+01:00\"").contains("\"answered\":\"no\"");

        String hours = http.send(HttpRequest.newBuilder(URI.create(base + LINE + "/hours"))
                .header("Authorization", basic("anna", PASSWORD)).build(), HttpResponse.BodyHandlers.ofString()).body();
        int beforeSave = audit.recent(1000).size();
        HttpResponse<String> same = http.send(HttpRequest.newBuilder(URI.create(base + LINE + "/hours"))
                .header("Authorization", basic("anna", PASSWORD)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(hours)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(audit.recent(1000)).as("nothing changed, nothing audited").hasSize(beforeSave);
        assertThat(URLEncoder.encode("x", StandardCharsets.UTF_8)).isEqualTo("x");
    }
}
