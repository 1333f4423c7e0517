package afterhours.faults;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.json.Json;
import afterhours.support.LogCapture;
import afterhours.support.PageWords;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of random requests against the admin API: never a 5xx, and a 4xx never changes anything and always
 * carries a code the page has words for in Swedish and English, and a message without Java's or Jackson's words.
 */
class AdminApiFuzzProperties {
    private static final String LINE = "/api/v1/lines/trygghetscenter";
    private static Afterhours app;
    private static String base;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LogCapture logs;
    private static final Map<String, Map<String, String>> WORDS = PageWords.load();

    @BeforeContainer
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("afterhours-fuzz");
        AppConfig sample = TestConfigs.sample(dir);
        int port = Ports.free();
        AppConfig config = TestConfigs.withHttp(sample, port);
        app = Afterhours.open(config, new LoggingPbxGateway(), OffsetClock.startingAt(Instant.parse("2026-11-25T11:00:00Z")));
        app.start();
        UserStore users = new UserStore(app.database());
        users.put("anna", Role.ADMIN, Passwords.hash("correct horse battery staple"), Instant.now());
        users.put("vera", Role.VIEWER, Passwords.hash("correct horse battery staple"), Instant.now());
        // tokens 1 and 2 are the ones the fuzzed paths name; the fuzzer's own comes after them
        users.addToken("export", Role.VIEWER, Passwords.tokenHash(Passwords.newToken()), Instant.now());
        users.addToken("calendar", Role.CONTRACTOR, Passwords.tokenHash(Passwords.newToken()), Instant.now());
        token = Passwords.newToken();
        users.addToken("fuzz", Role.ADMIN, Passwords.tokenHash(token), Instant.now());
        app.startAdmin();
        base = "http://127.0.0.1:" + port;
        logs = new LogCapture();
    }

    @AfterContainer
    static void stop() {
        logs.close();
        app.close();
    }

    private static HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Everything an admin could change, as the API shows it. */
    private static String state() throws Exception {
        StringBuilder s = new StringBuilder();
        for (String path : List.of(LINE, LINE + "/hours", LINE + "/exceptions", "/api/v1/users", "/api/v1/tokens")) {
            s.append(send("GET", path, null, null).body()).append('\n');
        }
        String status = send("GET", "/api/v1/status", null, null).body();
        return s.append(status.replaceAll("\"at\":\"[^\"]*\",", "").replaceAll("\"pbx\":\\{.*\\}", "")).toString();
    }

    @Property(tries = 1500)
    void neverA5xxAndA4xxChangesNothing(@ForAll("methods") String method, @ForAll("paths") String path,
                                         @ForAll("types") String type, @ForAll("bodies") String body) throws Exception {
        String before = state();
        HttpResponse<String> r = send(method, path, type, body);
        assertThat(r.statusCode()).as("%s %s %s", method, path, body).isLessThan(500);
        assertThat(r.body()).as("no Java names in an answer").doesNotContain("java.", "afterhours.", "Exception");
        assertThat(logs.messages()).as("no stack trace in the log").noneMatch(m -> m.startsWith("ERROR"));
        if (r.statusCode() >= 400) {
            assertThat(state()).as("%s %s %s -> %d %s", method, path, body, r.statusCode(), r.body()).isEqualTo(before);
            JsonNode error = Json.MAPPER.readTree(r.body());
            assertThat(error.path("code").asText()).as("%s %s %s -> %s: a code the page has words for in both languages",
                    method, path, body, r.body()).matches(code -> PageWords.knowsError(WORDS, code));
            assertThat(error.path("params").isObject()).as(r.body()).isTrue();
            assertThat(error.path("message").asText()).as(r.body()).isNotBlank()
                    .doesNotContain("Jackson", "java.", "Text '", "could not be parsed", "Cannot deserialize")
                    .doesNotMatch(".*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?Z.*");
        }
    }

    /** Paths the HTTP client can send at all (a lone % is refused before it leaves). */
    private static boolean sendable(String path) {
        try {
            URI.create("http://localhost" + path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE");
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8")));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> known = Arbitraries.of("/api/v1/status", "/api/v1/lines", LINE, LINE + "/hours", LINE + "/exceptions",
                LINE + "/exceptions/1", LINE + "/override", LINE + "/preview", LINE + "/holidays", LINE + "/calls",
                LINE + "/calls.csv", LINE + "/stats", LINE + "/switches", LINE + "/calendar.ics", "/api/v1/audit", "/health",
                "/metrics", "/api/v1/lines/nosuch/hours", "/api/v1/session", LINE + "/days", "/session", LINE + "/recipients", LINE + "/recipients/1", LINE + "/recipients/1/test",
                LINE + "/deliveries", LINE + "/override/effect", LINE + "/override/effect?mode=OPEN&until=next-change",
                LINE + "/override/effect?mode=OPEN&until=PT99999H", LINE + "/override/effect?mode=forwarded&until=end-of-day",
                "/api/v1/users", "/api/v1/users/anna", "/api/v1/users/vera", "/api/v1/users/nobody", "/api/v1/users/a%20b",
                "/api/v1/tokens", "/api/v1/tokens/1", "/api/v1/tokens/2", "/api/v1/tokens/0", "/api/v1/tokens/-1",
                "/api/v1/tokens/99999999999999999999");
        Arbitrary<String> query = Arbitraries.of("", "?count=", "?count=-1", "?count=99999", "?year=abc", "?from=2026-13-40",
                "?to=2026-01-01&from=2026-12-31", "?cursor=%00%ff", "?limit=0", "?mode=open", "?route=x&answered=maybe",
                "?weeks=0", "?mask=21", "?from=2026-11-25T25:61", "?from=-999999999-01-01", "?to=%2B999999999-12-31",
                "?from=-999999999-01-01T00:00", "?from=-000001-01-01T00:00", "?from=%2B999999999-12-31T23:59:59%2B01:00",
                "?year=2147483647", "?count=2147483648", "?days=63", "?days=-1&from=2026-10-25", "?kind=%00", "?limit=99999999999999999999", "?from=0000-02-29", "?mode=%00");
        Arbitrary<String> odd = Arbitraries.strings().withChars("abcxyz09-_./%").ofMaxLength(20).map(s -> LINE + "/" + s);
        return Combinators.combine(Arbitraries.oneOf(known, known, odd), query).as((p, q) -> p + q)
                .filter(AdminApiFuzzProperties::sendable);
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> keys = Arbitraries.of("monday", "friday", "sunday", "name", "office", "contractor", "failsafe",
                "ringSeconds", "zone", "numbers", "holidays", "calendar", "ignore", "mode", "until", "note", "date", "from",
                "to", "closed", "hours", "callerIdPrefix", "channel", "address", "secret", "events", "downMinutes",
                "language", "confirm", "role", "password", "generatePassword", "label", "x", "");
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.of("\"10:00-15:00\"", "\"24:00-10:00\"", "\"10-15\"", "\"OPEN\"", "\"FORWARDED\"", "\"PJSIP/a,b\"",
                        "\"PJSIP/ok\"", "\"2026-12-24\"", "\"2026-02-30\"", "\"2027-03-28T02:30\"", "\"Europe/Stockholm\"", "\"next-change\"", "\"end-of-day\"", "\"PT2H\"",
                        "\"P-1D\"", "\"PT0S\"", "\"PT9999999999999H\"", "\"P99999999D\"", "\"22:00-02:00\"", "\"2026-11-24\"",
                        "\"Mars/Base\"", "\"+999999999-12-31T23:59:59+01:00\"", "\"-999999999-01-01\"",
                        "\"+999999999-12-31\"", "true", "false", "null", "0", "-1", "301", "1e309", "\"\\u0000\"", "\"=cmd|' /C calc'!A0\"",
                        "[\"09:00-12:00\",\"11:00-13:00\"]", "[]", "{}", "[\"00:00-24:00\"]", "\"se\"", "[\"MIDSUMMER_EVE\"]",
                        "\"admin\"", "\"viewer\"", "\"reception\"", "\"anna\"", "\"vera\"", "\"a long enough password\"",
                        "\"ååååååååååååååååååååååååååååååååååååååååå\"", "\"a\\nb\""),
                Arbitraries.strings().ofMaxLength(12).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"")
                        .replaceAll("[\\x00-\\x1f]", " ") + "\""),
                Arbitraries.integers().between(-100000, 100000).map(String::valueOf));
        Arbitrary<String> objects = Combinators.combine(keys, scalars).as((k, v) -> "\"" + k + "\":" + v).list().ofMaxSize(5)
                .map(fields -> "{" + String.join(",", fields) + "}");
        return Arbitraries.oneOf(objects, objects, objects, scalars,
                Arbitraries.of("", "{", "{\"monday\":", "[1,2", "not json", "{\"a\":1}{\"b\":2}"));
    }
}
