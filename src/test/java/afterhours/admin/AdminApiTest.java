package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.audit.AuditLog;
import afterhours.calllog.CallQueryTestData;
import afterhours.calllog.CallStore;
import afterhours.json.Json;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.schedule.Mode;
import afterhours.support.OffsetClock;
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
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin API over real HTTP on a random port: every endpoint, roles, validation, audit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiTest {
    static final String LINE = "/api/v1/lines/trygghetscenter";
    static final String PASSWORD = "correct horse battery staple";
    static final String WEEKDAYS = "{\"monday\":[\"10:00-15:00\"],\"tuesday\":[\"10:00-15:00\"],\"wednesday\":[\"10:00-15:00\"],"
            + "\"thursday\":[\"10:00-15:00\"],\"friday\":[\"10:00-15:00\"]}";

    private Afterhours app;
    private final LoggingPbxGateway pbx = new LoggingPbxGateway();
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private String token;

    @BeforeAll
    void start(@TempDir Path dir) {
        var sample = TestConfigs.sample(dir);
        int port = Ports.free();
        var config = TestConfigs.withHttp(sample, port);
        app = Afterhours.open(config, pbx, OffsetClock.startingAt(Instant.parse("2026-11-25T11:00:00Z")));
        app.start();
        UserStore users = new UserStore(app.database());
        users.put("anna", Role.ADMIN, Passwords.hash(PASSWORD), Instant.now());
        users.put("vera", Role.VIEWER, Passwords.hash(PASSWORD), Instant.now());
        users.put("kent", Role.CONTRACTOR, Passwords.hash(PASSWORD), Instant.now());
        users.put("rita", Role.RECEPTION, Passwords.hash(PASSWORD), Instant.now());
        token = Passwords.newToken();
        users.addToken("nightly-export", Role.VIEWER, Passwords.tokenHash(token), Instant.now());
        CallQueryTestData.twoCallsOn25November(new CallStore(app.database()));
        app.startAdmin();
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @BeforeEach
    void regularWeek() throws Exception {
        assertThat(send("PUT", LINE + "/hours", "anna", WEEKDAYS).statusCode()).isEqualTo(200);
        send("DELETE", LINE + "/override", "anna", null);
    }

    HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        return send(method, path, user, body, "application/json");
    }

    HttpResponse<String> send(String method, String path, String user, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", type);
        }
        if (user != null) {
            b.header("Authorization", user.startsWith("ah_") ? "Bearer " + user
                    : "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void healthNeedsNoLoginAndTellsNothingPersonal() throws Exception {
        HttpResponse<String> r = send("GET", "/health", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("UP");
        assertThat(json(r).get("lines").asInt()).isEqualTo(1);
        assertThat(r.body()).doesNotContain("0701", "PJSIP", "anna");
    }

    @Test
    void statusShowsEveryLine() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/status", "kent", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode line = json(r).get("lines").get(0);
        assertThat(line.get("line").asText()).isEqualTo("trygghetscenter");
        assertThat(line.get("mode").asText()).isEqualTo("OPEN");
        assertThat(line.get("nextChange").asText()).isEqualTo("2026-11-25T15:00:00+01:00");
        assertThat(json(send("GET", "/api/v1/status", "vera", null)).get("pbx").get("ami").asText()).isEqualTo("disabled");
    }

    @Test
    void statusOfOneLineAsksForItById() throws Exception {
        JsonNode lines = json(send("GET", "/api/v1/status?line=trygghetscenter", "kent", null)).get("lines");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("line").asText()).isEqualTo("trygghetscenter");
        HttpResponse<String> unknown = send("GET", "/api/v1/status?line=nowhere", "kent", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("not_found");
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/v1/status                           |        | 401
            GET    | /api/v1/status                           | kent   | 200
            GET    | /api/v1/lines                            | kent   | 403
            GET    | /api/v1/lines                            | vera   | 200
            GET    | /api/v1/lines/trygghetscenter/calls      | kent   | 403
            GET    | /api/v1/lines/trygghetscenter/calls      | vera   | 200
            GET    | /api/v1/lines/trygghetscenter/preview    | kent   | 200
            PUT    | /api/v1/lines/trygghetscenter/hours      | vera   | 403
            PUT    | /api/v1/lines/trygghetscenter/hours      | kent   | 403
            PUT    | /api/v1/lines/trygghetscenter/override   | vera   | 403
            PATCH  | /api/v1/lines/trygghetscenter            | kent   | 403
            GET    | /api/v1/audit                            | kent   | 403
            GET    | /api/v1/audit                            | anna   | 200
            GET    | /api/v1/lines/nosuchline                 | anna   | 404
            GET    | /api/v1/nothing-here                     | anna   | 404
            """)
    void rolesDecideWhatEachUserMayDo(String method, String path, String user, int status) throws Exception {
        String body = method.equals("GET") ? null : "{\"mode\":\"FORWARDED\"}";
        assertThat(send(method, path, user == null || user.isBlank() ? null : user, body).statusCode()).isEqualTo(status);
    }

    @Test
    void thePageLogsInWithASessionCookieAndEveryChangeNeedsTheCsrfToken() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"anna\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
        String session = cookie.substring(0, cookie.indexOf(';'));
        String csrf = json(login).get("csrf").asText();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(base + LINE + "/hours")).header("Cookie", session)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(WEEKDAYS));
        HttpResponse<String> noToken = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(json(noToken).get("error").asText()).isEqualTo("csrf");
        assertThat(http.send(put.header("X-CSRF-Token", csrf).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        HttpRequest status = HttpRequest.newBuilder(URI.create(base + "/api/v1/status")).header("Cookie", session).build();
        assertThat(http.send(status, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        http.send(HttpRequest.newBuilder(URI.create(base + "/logout")).header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(http.send(status, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"anna\",\"password\":\"nope\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = send("GET", "/", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/app.js\" defer></script>").doesNotContain("<script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(AdminServer.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    /** Every route with the roles allowed on it; the bodies are invalid, so an allowed call is a 400 and changes nothing. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyRoute() {
        String bad = "{\"unknown\":1}";
        Object[][] routes = {
                {"GET", "/api/v1/status", null, "admin viewer contractor reception"},
                {"GET", "/api/v1/session", null, "admin viewer contractor reception"},
                {"GET", "/api/v1/lines", null, "admin viewer"},
                {"GET", LINE, null, "admin viewer"},
                {"PATCH", LINE, bad, "admin"},
                {"GET", LINE + "/hours", null, "admin viewer"},
                {"PUT", LINE + "/hours", bad, "admin"},
                {"GET", LINE + "/exceptions", null, "admin viewer"},
                {"POST", LINE + "/exceptions", bad, "admin"},
                {"DELETE", LINE + "/exceptions/999999", null, "admin"},
                {"GET", LINE + "/holidays", null, "admin viewer"},
                {"PUT", LINE + "/override", bad, "admin"},
                {"DELETE", LINE + "/override", null, "admin"},
                {"GET", LINE + "/override/effect?mode=sideways", null, "admin viewer"},
                {"GET", LINE + "/preview", null, "admin viewer contractor reception"},
                {"GET", LINE + "/days", null, "admin viewer contractor reception"},
                {"GET", LINE + "/recipients", null, "admin viewer"},
                {"POST", LINE + "/recipients", bad, "admin"},
                {"DELETE", LINE + "/recipients/999999", null, "admin"},
                {"POST", LINE + "/recipients/999999/test", null, "admin"},
                {"GET", LINE + "/deliveries", null, "admin viewer"},
                {"GET", LINE + "/calendar.ics", null, "admin viewer contractor reception"},
                {"GET", LINE + "/missed", null, "admin viewer reception"},
                {"PUT", LINE + "/missed/999999.1", bad, "admin reception"},
                {"DELETE", LINE + "/missed/999999.1", null, "admin reception"},
                {"GET", LINE + "/calls", null, "admin viewer"},
                {"GET", LINE + "/calls.csv", null, "admin viewer"},
                {"GET", LINE + "/stats", null, "admin viewer"},
                {"GET", LINE + "/switches", null, "admin viewer"},
                {"GET", "/api/v1/audit", null, "admin viewer"},
                {"GET", "/api/v1/subjects/0701234567", null, "admin"},
                {"GET", "/api/v1/subjects/0701234567?format=csv", null, "admin"},
                {"DELETE", "/api/v1/subjects/0701234567", bad, "admin"},
                {"GET", "/metrics", null, "admin viewer"},
                {"GET", "/api/v1/users", null, "admin"},
                {"POST", "/api/v1/users", bad, "admin"},
                {"PATCH", "/api/v1/users/vera", bad, "admin"},
                {"DELETE", "/api/v1/users/nobody", null, "admin"},
                {"GET", "/api/v1/tokens", null, "admin"},
                {"POST", "/api/v1/tokens", bad, "admin"},
                {"DELETE", "/api/v1/tokens/999999", null, "admin"}};
        List<org.junit.jupiter.params.provider.Arguments> out = new java.util.ArrayList<>();
        for (Object[] r : routes) {
            for (String[] user : new String[][] {{"anna", "admin"}, {"vera", "viewer"}, {"kent", "contractor"},
                    {"rita", "reception"}, {null, "nobody"}}) {
                out.add(org.junit.jupiter.params.provider.Arguments.of(r[0], r[1], r[2], user[0], user[1],
                        ((String) r[3]).contains(user[1])));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {4}")
    @org.junit.jupiter.params.provider.MethodSource("everyRoute")
    void eachRoleAgainstEachRoute(String method, String path, String body, String user, String role, boolean allowed)
            throws Exception {
        String hoursBefore = send("GET", LINE + "/hours", "anna", null).body();
        int status = send(method, path, user, body).statusCode();
        if (user == null) {
            assertThat(status).isEqualTo(401);
        } else if (!allowed) {
            assertThat(status).isEqualTo(403);
        } else {
            assertThat(status).as("allowed, so past the role check").isNotIn(401, 403).isLessThan(500);
        }
        assertThat(send("GET", LINE + "/hours", "anna", null).body()).isEqualTo(hoursBefore);
    }

    @Test
    void anApiTokenCarriesItsRole() throws Exception {
        assertThat(send("GET", LINE + "/calls", token, null).statusCode()).isEqualTo(200);
        assertThat(send("PUT", LINE + "/hours", token, WEEKDAYS).statusCode()).isEqualTo(403);
        assertThat(send("GET", LINE, "ah_not-a-real-token", null).statusCode()).isEqualTo(401);
    }

    @Test
    void replacingTheWeekTakesEffectAtOnceAndIsAudited() throws Exception {
        String friday = WEEKDAYS.replace("\"friday\":[\"10:00-15:00\"]", "\"friday\":[\"10:00-12:00\"]")
                .replace("\"wednesday\":[\"10:00-15:00\"]", "\"wednesday\":[\"10:00-11:30\"]");
        HttpResponse<String> r = send("PUT", LINE + "/hours", "anna", friday);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("wednesday").get(0).asText()).isEqualTo("10:00-11:30");
        // 12:00 local on Wednesday: closed since 11:30 now, and the PBX was told
        JsonNode status = json(send("GET", "/api/v1/status", "vera", null)).get("lines").get(0);
        assertThat(status.get("mode").asText()).isEqualTo("FORWARDED");
        assertThat(pbx.lastPushed("trygghetscenter").orElseThrow().mode()).isEqualTo(Mode.FORWARDED);
        JsonNode preview = json(send("GET", LINE + "/preview?count=3", "vera", null));
        assertThat(preview.get(0).get("at").asText()).isEqualTo("2026-11-26T10:00:00+01:00");
        JsonNode audit = json(send("GET", "/api/v1/audit?limit=1", "anna", null)).get(0);
        assertThat(audit.get("actor").asText()).isEqualTo("anna");
        assertThat(audit.get("action").asText()).isEqualTo("hours-replaced");
        assertThat(audit.get("before").get("wednesday").get(0).asText()).isEqualTo("10:00-15:00");
        assertThat(audit.get("after").get("wednesday").get(0).asText()).isEqualTo("10:00-11:30");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ¦ ", quoteCharacter = '`', textBlock = """
            bad range ¦ PUT ¦ /hours ¦ {"monday":["10-15"]} ¦ 400 ¦ monday[0] ¦ range_format ¦ expected HH:MM-HH:MM, was '10-15'
            24:00 as start ¦ PUT ¦ /hours ¦ {"monday":["24:00-10:00"]} ¦ 400 ¦ monday[0] ¦ midnight_as_start ¦ 24:00 is allowed only as an end
            overlap ¦ PUT ¦ /hours ¦ {"monday":["10:00-15:00","14:00-16:00"]} ¦ 400 ¦ monday[1] ¦ overlap ¦ overlapping ranges: monday 10:00-15:00 and monday 14:00-16:00
            day not a list ¦ PUT ¦ /hours ¦ {"monday":{"a":1}} ¦ 400 ¦ monday ¦ expected_list ¦ expected a list
            day of lists ¦ PUT ¦ /hours ¦ {"monday":[["10:00-12:00"]]} ¦ 400 ¦ monday[0] ¦ expected_text ¦ expected text
            unknown day ¦ PUT ¦ /hours ¦ {"mondag":["10:00-15:00"]} ¦ 400 ¦ mondag ¦ unknown_key ¦ unknown key (known here: confirm, friday, monday, saturday, sunday, thursday, tuesday, wednesday)
            not an object ¦ PUT ¦ /hours ¦ ["10:00-15:00"] ¦ 400 ¦ - ¦ expected_object ¦ expected a JSON object
            comma in dial ¦ PATCH ¦ - ¦ {"office":"PJSIP/a,30,tT"} ¦ 400 ¦ office ¦ dial_string ¦ 'PJSIP/a,30,tT' is not a dial string TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)
            ampersand ¦ PATCH ¦ - ¦ {"contractor":"PJSIP/a&PJSIP/b"} ¦ 400 ¦ contractor ¦ dial_string ¦ 'PJSIP/a&PJSIP/b' is not a dial string TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)
            pipe ¦ PATCH ¦ - ¦ {"office":"PJSIP/a|b"} ¦ 400 ¦ office ¦ dial_string ¦ 'PJSIP/a|b' is not a dial string TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)
            parenthesis ¦ PATCH ¦ - ¦ {"office":"PJSIP/a(b)"} ¦ 400 ¦ office ¦ dial_string ¦ 'PJSIP/a(b)' is not a dial string TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)
            dollar ¦ PATCH ¦ - ¦ {"office":"PJSIP/${EVIL}"} ¦ 400 ¦ office ¦ dial_string ¦ 'PJSIP/${EVIL}' is not a dial string TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)
            semicolon ¦ PATCH ¦ - ¦ {"failsafe":"PJSIP/a;b"} ¦ 400 ¦ failsafe ¦ dial_string ¦ 'PJSIP/a;b' is not a dial string TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)
            newline ¦ PATCH ¦ - ¦ {"office":"PJSIP/a\\nSet(X=1)"} ¦ 400 ¦ office ¦ dial_string ¦ 'PJSIP/a\\nSet(X=1)' is not a dial string TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)
            ring time ¦ PATCH ¦ - ¦ {"ringSeconds":1000} ¦ 400 ¦ ringSeconds ¦ out_of_range ¦ must be 5..300, was 1000
            missed after ¦ PATCH ¦ - ¦ {"missedAfterSeconds":301} ¦ 400 ¦ missedAfterSeconds ¦ out_of_range ¦ must be 0..300, was 301
            zone ¦ PATCH ¦ - ¦ {"zone":"Mars/Base"} ¦ 400 ¦ zone ¦ zone ¦ unknown time zone 'Mars/Base' (use a region such as Europe/Stockholm)
            unknown field ¦ PATCH ¦ - ¦ {"colour":"blue"} ¦ 400 ¦ colour ¦ unknown_key ¦ unknown key (known here: callerIdPrefix, contractor, failsafe, holidays, missedAfterSeconds, name, numbers, office, ringSeconds, zone)
            holiday key ¦ PATCH ¦ - ¦ {"holidays":{"ignore":["MIDSOMMAR"]}} ¦ 400 ¦ holidays.ignore[0] ¦ holiday_unknown ¦ *
            end before start ¦ POST ¦ /exceptions ¦ {"from":"2026-12-31","to":"2026-12-20","closed":true} ¦ 400 ¦ to ¦ dates_reversed ¦ exception ends 2026-12-20 before it starts 2026-12-31
            no such date ¦ POST ¦ /exceptions ¦ {"date":"2026-02-30","closed":true} ¦ 400 ¦ date ¦ date_format ¦ expected a date yyyy-mm-dd, was '2026-02-30'
            closed and hours ¦ POST ¦ /exceptions ¦ {"date":"2026-12-23","closed":true,"hours":["10:00-12:00"]} ¦ 400 ¦ hours ¦ closed_or_hours ¦ an exception is either closed: true, or has hours
            neither closed nor hours ¦ POST ¦ /exceptions ¦ {"date":"2026-12-23"} ¦ 400 ¦ closed ¦ closed_or_hours ¦ an exception is either closed: true, or has hours
            trailing content ¦ PUT ¦ /hours ¦ `{"monday":["11:00-12:00"]} trailing` ¦ 400 ¦ - ¦ invalid_json ¦ *
            key twice ¦ PUT ¦ /hours ¦ `{"monday":["11:00-12:00"],"monday":["13:00-14:00"]}` ¦ 400 ¦ monday ¦ duplicate_key ¦ appears twice in the body
            nested key twice ¦ PATCH ¦ - ¦ `{"holidays":{"calendar":"se","calendar":"no"}}` ¦ 400 ¦ holidays.calendar ¦ duplicate_key ¦ appears twice in the body
            until far away ¦ PUT ¦ /override ¦ {"mode":"OPEN","until":"+999999999-12-31T23:59:59+01:00"} ¦ 400 ¦ until ¦ year_range ¦ *
            year zero ¦ POST ¦ /exceptions ¦ {"date":"-999999999-01-01","closed":true} ¦ 400 ¦ date ¦ year_range ¦ *
            long note ¦ POST ¦ /exceptions ¦ `{"date":"2026-12-23","closed":true,"note":"%s"}` ¦ 400 ¦ note ¦ too_long ¦ at most 200 characters, was 201
            bad mode ¦ PUT ¦ /override ¦ {"mode":"SIDEWAYS"} ¦ 400 ¦ mode ¦ one_of ¦ expected OPEN or FORWARDED, was 'SIDEWAYS'
            no mode ¦ PUT ¦ /override ¦ {"note":"x"} ¦ 400 ¦ mode ¦ required ¦ is required: OPEN or FORWARDED
            mode not text ¦ PUT ¦ /override ¦ {"mode":{"a":1}} ¦ 400 ¦ mode ¦ expected_text ¦ expected text
            until in past ¦ PUT ¦ /override ¦ {"mode":"OPEN","until":"2020-01-01T00:00+01:00"} ¦ 400 ¦ until ¦ in_past ¦ must be in the future, was 2020-01-01T00:00:00+01:00
            until not a time ¦ PUT ¦ /override ¦ {"mode":"OPEN","until":"tomorrow"} ¦ 400 ¦ until ¦ instant_format ¦ expected a date and time like 2026-12-24 08:00 (the line's time) or 2026-12-24T08:00+01:00, was 'tomorrow'
            until in DST gap ¦ PUT ¦ /override ¦ {"mode":"OPEN","until":"2027-03-28T02:30"} ¦ 400 ¦ until ¦ in_dst_gap ¦ 2027-03-28T02:30 does not exist in Europe/Stockholm (the clocks skip it for daylight saving time); give another time or an offset
            broken JSON ¦ PUT ¦ /hours ¦ {"monday": ¦ 400 ¦ - ¦ invalid_json ¦ *
            line name with a line break ¦ PATCH ¦ - ¦ {"name":"Trygg\\r\\nhet"} ¦ 400 ¦ name ¦ control_character ¦ must not contain control characters (U+000D at position 6)
            note with an escape ¦ POST ¦ /exceptions ¦ {"date":"2026-12-23","closed":true,"note":"Half\\u001b[2J day"} ¦ 400 ¦ note ¦ control_character ¦ must not contain control characters (U+001B at position 5)
            override note with a bidi override ¦ PUT ¦ /override ¦ {"mode":"OPEN","note":"drill \\u202e"} ¦ 400 ¦ note ¦ control_character ¦ must not contain control characters (U+202E at position 7)
            """)
    void badInputIsRefusedNamingTheFieldAndChangesNothing(String name, String method, String path, String body,
                                                           int status, String field, String code, String message)
            throws Exception {
        String hoursBefore = send("GET", LINE + "/hours", "anna", null).body();
        String lineBefore = send("GET", LINE, "anna", null).body();
        String exceptionsBefore = send("GET", LINE + "/exceptions", "anna", null).body();
        HttpResponse<String> r = send(method, LINE + (path.equals("-") ? "" : path), "anna",
                body.contains("%s") ? String.format(body, "x".repeat(201)) : body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = json(r);
        assertThat(error.get("error").asText()).startsWith("invalid");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("params").isObject()).isTrue();
        if (!field.equals("-")) {
            assertThat(error.get("field").asText()).isEqualTo(field);
        }
        if (!message.equals("*")) {
            assertThat(error.get("message").asText()).isEqualTo(message);
        }
        assertThat(send("GET", LINE + "/hours", "anna", null).body()).isEqualTo(hoursBefore);
        assertThat(send("GET", LINE, "anna", null).body()).isEqualTo(lineBefore);
        assertThat(send("GET", LINE + "/exceptions", "anna", null).body()).isEqualTo(exceptionsBefore);
    }

    /** Each rule's code and its parameters exactly as the page renders them; a query's too. Nothing changes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ¦ ", quoteCharacter = '`', textBlock = """
            range format ¦ PUT ¦ /hours ¦ {"monday":["10-15"]} ¦ monday[0] ¦ range_format ¦ {"value":"10-15"}
            no such time ¦ PUT ¦ /hours ¦ {"friday":["10:00-25:00"]} ¦ friday[0] ¦ time_of_day ¦ {"value":"25:00"}
            24:00 as start ¦ PUT ¦ /hours ¦ {"monday":["24:00-10:00"]} ¦ monday[0] ¦ midnight_as_start ¦ {"value":"24:00"}
            empty range ¦ PUT ¦ /hours ¦ {"monday":["10:00-10:00"]} ¦ monday[0] ¦ range_empty ¦ {"value":"10:00-10:00"}
            week overlap ¦ PUT ¦ /hours ¦ {"sunday":["22:00-02:00"],"monday":["01:00-03:00"]} ¦ sunday[0] ¦ overlap ¦ {"day":"sunday","range":"22:00-02:00","otherDay":"monday","other":"01:00-03:00"}
            exception overlap ¦ POST ¦ /exceptions ¦ {"date":"2026-12-23","hours":["10:00-12:00","11:00-13:00"]} ¦ hours[1] ¦ hours_overlap ¦ {"range":"11:00-13:00","other":"10:00-12:00"}
            date and range ¦ POST ¦ /exceptions ¦ {"date":"2026-12-23","from":"2026-12-23","to":"2026-12-24","closed":true} ¦ - ¦ exception_dates ¦ {}
            no date ¦ POST ¦ /exceptions ¦ {"closed":true} ¦ - ¦ exception_dates ¦ {}
            dates reversed ¦ POST ¦ /exceptions ¦ {"from":"2026-12-31","to":"2026-12-20","closed":true} ¦ to ¦ dates_reversed ¦ {"from":"2026-12-31","to":"2026-12-20"}
            closed not a word ¦ POST ¦ /exceptions ¦ {"date":"2026-12-23","closed":"perhaps"} ¦ closed ¦ one_of ¦ {"allowed":["true","false"],"value":"perhaps"}
            phone number ¦ PATCH ¦ - ¦ {"numbers":["054-123"]} ¦ numbers[0] ¦ phone_number ¦ {"value":"054-123"}
            number twice ¦ PATCH ¦ - ¦ {"numbers":["0541","0541"]} ¦ numbers[1] ¦ number_twice ¦ {"value":"0541"}
            prefix ¦ PATCH ¦ - ¦ {"callerIdPrefix":"TC; "} ¦ callerIdPrefix ¦ caller_id_prefix ¦ {"value":"TC; "}
            ring not a number ¦ PATCH ¦ - ¦ {"ringSeconds":"twenty"} ¦ ringSeconds ¦ whole_number ¦ {"min":5,"max":300,"value":"twenty"}
            ring too long ¦ PATCH ¦ - ¦ {"ringSeconds":1000} ¦ ringSeconds ¦ out_of_range ¦ {"min":5,"max":300,"value":1000}
            name too long ¦ PATCH ¦ - ¦ `{"name":"%s"}` ¦ name ¦ too_long ¦ {"max":200,"length":201}
            name blank ¦ PATCH ¦ - ¦ {"name":" "} ¦ name ¦ required ¦ {}
            dial string ¦ PATCH ¦ - ¦ {"office":"PJSIP/a,b"} ¦ office ¦ dial_string ¦ {"value":"PJSIP/a,b"}
            zone ¦ PATCH ¦ - ¦ {"zone":"Mars/Base"} ¦ zone ¦ zone ¦ {"value":"Mars/Base"}
            calendar ¦ PATCH ¦ - ¦ {"holidays":{"calendar":"xx"}} ¦ holidays.calendar ¦ holiday_calendar ¦ {"value":"xx"}
            unknown key ¦ PATCH ¦ - ¦ {"holidays":{"calender":"se"}} ¦ holidays.calender ¦ unknown_key ¦ {"key":"calender","known":["calendar","ignore","language"]}
            mode ¦ PUT ¦ /override ¦ {"mode":"SIDEWAYS"} ¦ mode ¦ one_of ¦ {"allowed":["OPEN","FORWARDED"],"value":"SIDEWAYS"}
            until year ¦ PUT ¦ /override ¦ {"mode":"OPEN","until":"2101-01-01T00:00"} ¦ until ¦ year_range ¦ {"first":2000,"last":2100,"value":"2101-01-01T00:00"}
            until in DST gap ¦ PUT ¦ /override ¦ {"mode":"OPEN","until":"2027-03-28T02:30"} ¦ until ¦ in_dst_gap ¦ {"value":"2027-03-28T02:30","zone":"Europe/Stockholm"}
            calls limit ¦ GET ¦ /calls?limit=many ¦ - ¦ limit ¦ whole_number ¦ {"min":1,"max":500,"value":"many"}
            calls mode ¦ GET ¦ /calls?mode=shut ¦ - ¦ mode ¦ one_of ¦ {"allowed":["OPEN","FORWARDED"],"value":"shut"}
            calls route ¦ GET ¦ /calls?route=moon ¦ - ¦ route ¦ one_of ¦ {"allowed":["office","contractor","overflow","failsafe"],"value":"moon"}
            calls date ¦ GET ¦ /calls?from=2026-13-01 ¦ - ¦ from ¦ date_format ¦ {"value":"2026-13-01"}
            calls dates ¦ GET ¦ /calls?from=2026-12-02&to=2026-12-01 ¦ - ¦ to ¦ dates_reversed ¦ {"from":"2026-12-02","to":"2026-12-01"}
            calls cursor ¦ GET ¦ /calls?cursor=forged ¦ - ¦ cursor ¦ cursor ¦ {}
            preview from ¦ GET ¦ /preview?from=tomorrow ¦ - ¦ from ¦ instant_format ¦ {"value":"tomorrow"}
            exception id ¦ DELETE ¦ /exceptions/abc ¦ - ¦ id ¦ whole_number ¦ {"min":1,"max":9223372036854775807,"value":"abc"}
            """)
    void refusalsCarryTheirRuleAndItsParameters(String name, String method, String path, String body, String field,
                                                 String code, String params) throws Exception {
        String hoursBefore = send("GET", LINE + "/hours", "anna", null).body();
        String lineBefore = send("GET", LINE, "anna", null).body();
        HttpResponse<String> r = send(method, LINE + (path.equals("-") ? "" : path), "anna",
                body.equals("-") ? null : body.contains("%s") ? String.format(body, "x".repeat(201)) : body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = json(r);
        assertThat(error.get("error").asText()).isEqualTo("invalid");
        assertThat(error.get("field").asText()).isEqualTo(field.equals("-") ? "" : field);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("params").toString()).isEqualTo(params);
        assertThat(send("GET", LINE + "/hours", "anna", null).body()).isEqualTo(hoursBefore);
        assertThat(send("GET", LINE, "anna", null).body()).isEqualTo(lineBefore);
    }

    @Test
    void wrongContentTypeAndOversizedBodiesAreRefused() throws Exception {
        assertThat(send("PUT", LINE + "/hours", "anna", WEEKDAYS, "text/plain").statusCode()).isEqualTo(415);
        String huge = "{\"monday\":[" + "\"10:00-11:00\",".repeat(10_000) + "\"12:00-13:00\"]}";
        assertThat(send("PUT", LINE + "/hours", "anna", huge).statusCode()).isEqualTo(413);
    }

    @Test
    void exceptionsAreAddedListedAndRemoved() throws Exception {
        HttpResponse<String> added = send("POST", LINE + "/exceptions", "anna",
                "{\"date\":\"2026-12-23\",\"hours\":[\"10:00-12:00\"],\"note\":\"Half day\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        long id = json(added).get("id").asLong();
        assertThat(json(send("GET", LINE + "/exceptions", "vera", null)).get(0).get("note").asText()).isEqualTo("Half day");
        JsonNode preview = json(send("GET", LINE + "/preview?count=2&from=2026-12-23T11:00", "vera", null));
        assertThat(preview.get(0).get("at").asText()).isEqualTo("2026-12-23T12:00:00+01:00");
        HttpResponse<String> overlap = send("POST", LINE + "/exceptions", "anna", "{\"from\":\"2026-12-22\",\"to\":\"2026-12-23\",\"closed\":true}");
        assertThat(overlap.statusCode()).isEqualTo(400);
        assertThat(json(overlap).get("message").asText()).isEqualTo("exception days overlap: 2026-12-22..2026-12-23 and 2026-12-23");
        assertThat(send("DELETE", LINE + "/exceptions/" + id, "anna", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", LINE + "/exceptions/" + id, "anna", null).statusCode()).isEqualTo(404);
        assertThat(json(send("GET", LINE + "/exceptions", "vera", null))).isEmpty();
    }

    @Test
    void overrideForcesTheModeRecordsASwitchAndCanBeCleared() throws Exception {
        HttpResponse<String> set = send("PUT", LINE + "/override", "anna", "{\"mode\":\"FORWARDED\",\"note\":\"Fire drill\"}");
        assertThat(set.statusCode()).isEqualTo(200);
        // until the next change: forwarded until the line would open again, Thursday 10:00
        assertThat(json(set).get("until").asText()).isEqualTo("2026-11-26T10:00:00+01:00");
        JsonNode line = json(send("GET", "/api/v1/status", "kent", null)).get("lines").get(0);
        assertThat(line.get("reason").asText()).isEqualTo("OVERRIDE");
        assertThat(line.get("detail").asText()).isEqualTo("Forced FORWARDED by anna: Fire drill");
        assertThat(pbx.lastPushed("trygghetscenter").orElseThrow().mode()).isEqualTo(Mode.FORWARDED);
        JsonNode lastSwitch = json(send("GET", LINE + "/switches?limit=1", "vera", null)).get(0);
        assertThat(lastSwitch.get("trigger").asText()).isEqualTo("OVERRIDE");
        assertThat(send("DELETE", LINE + "/override", "anna", null).statusCode()).isEqualTo(204);
        assertThat(json(send("GET", "/api/v1/status", "kent", null)).get("lines").get(0).get("mode").asText()).isEqualTo("OPEN");
    }

    @Test
    void lineSettingsAreUpdatedFieldByField() throws Exception {
        HttpResponse<String> r = send("PATCH", LINE, "anna", "{\"ringSeconds\":25,\"callerIdPrefix\":\"TC: \"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("ringSeconds").asInt()).isEqualTo(25);
        assertThat(json(r).get("office").asText()).isEqualTo("PJSIP/reception");
    }

    @Test
    void theContractorSubscribesToTheForwardedPeriods() throws Exception {
        String contractorToken = Passwords.newToken();
        new UserStore(app.database()).addToken("contractor-calendar", Role.CONTRACTOR, Passwords.tokenHash(contractorToken),
                Instant.now());
        HttpResponse<String> feed = send("GET", LINE + "/calendar.ics?weeks=2&token=" + contractorToken, null, null);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).get().asString().startsWith("text/calendar");
        String ics = feed.body();
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains("PRODID:-//Afterhours//Forwarded periods//EN");
        // Wednesday 25 November 15:00 to Thursday 10:00 (CET = UTC+1), then every weekday evening and the weekend
        assertThat(ics).contains("DTSTART:20261125T140000Z", "DTEND:20261126T090000Z", "SUMMARY:Forwarded: Trygghetscenter Karlstad",
                "UID:trygghetscenter-" + Instant.parse("2026-11-25T14:00:00Z").getEpochSecond() + "@afterhours",
                "DTSTART:20261127T140000Z", "DTEND:20261130T090000Z");
        assertThat(ics.split("BEGIN:VEVENT", -1)).hasSize(11);
        assertThat(send("GET", LINE + "/calendar.ics", "kent", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", LINE + "/calendar.ics?token=ah_wrong", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void prometheusMetricsForAToken() throws Exception {
        HttpResponse<String> metrics = send("GET", "/metrics", token, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(metrics.body()).contains("afterhours_fastagi_route_seconds");
        assertThat(send("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/metrics", "kent", null).statusCode()).isEqualTo(403);
    }

    @Test
    void holidaysOfAYear() throws Exception {
        JsonNode days = json(send("GET", LINE + "/holidays?year=2027", "vera", null));
        assertThat(days).hasSize(16);
        assertThat(days.get(0).get("name").asText()).isEqualTo("Nyårsdagen");
        assertThat(send("GET", LINE + "/holidays?year=abc", "vera", null).statusCode()).isEqualTo(400);
    }

    @Test
    void callsPagesCsvAndStatistics() throws Exception {
        JsonNode page = json(send("GET", LINE + "/calls?from=2026-11-25&to=2026-11-25&limit=1&mask=4", "vera", null));
        assertThat(page.get("calls").get(0).get("callerNumber").asText()).isEqualTo("070222xxxx");
        JsonNode next = json(send("GET", LINE + "/calls?from=2026-11-25&to=2026-11-25&limit=1&cursor=" + page.get("next").asText(),
                "vera", null));
        assertThat(next.get("calls").get(0).get("callId").asText()).isEqualTo("7.1");
        assertThat(next.get("next").isNull()).isTrue();
        HttpResponse<String> csv = send("GET", LINE + "/calls.csv?from=2026-11-25&to=2026-11-25", "vera", null);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).hasSize(3);
        assertThat(json(send("GET", LINE + "/stats?from=2026-11-25&to=2026-11-25", "vera", null)).get("total").asInt()).isEqualTo(2);
        assertThat(send("GET", LINE + "/calls?cursor=forged", "vera", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", LINE + "/calls?route=moon", "vera", null).statusCode()).isEqualTo(400);
    }

    @Test
    void theDayStripShowsBandsPerDayWithHolidaysAndTheLongDstDay() throws Exception {
        JsonNode days = json(send("GET", LINE + "/days?from=2026-10-23&days=3", "kent", null));
        assertThat(days).hasSize(3);
        JsonNode friday = days.get(0);
        assertThat(friday.get("weekday").asText()).isEqualTo("friday");
        assertThat(friday.get("minutes").asLong()).isEqualTo(1440);
        assertThat(friday.get("bands").findValuesAsText("mode")).containsExactly("FORWARDED", "OPEN", "FORWARDED");
        assertThat(friday.get("bands").get(1).get("from").asText()).isEqualTo("10:00");
        assertThat(friday.get("bands").get(2).get("endMinute").asLong()).isEqualTo(1440);
        // Sunday 25 October: the clocks go back, the day has 25 hours
        JsonNode sunday = days.get(2);
        assertThat(sunday.get("minutes").asLong()).isEqualTo(1500);
        assertThat(sunday.get("bands")).hasSize(1);
        assertThat(sunday.get("bands").get(0).get("endMinute").asLong()).isEqualTo(1500);
        JsonNode christmasEve = json(send("GET", LINE + "/days?from=2026-12-24&days=1", "vera", null)).get(0);
        assertThat(christmasEve.get("holiday").asText()).isEqualTo("Julafton");
        assertThat(christmasEve.get("bands").get(0).get("reason").asText()).isEqualTo("HOLIDAY");
        assertThat(send("GET", LINE + "/days?days=63", "vera", null).body()).contains("\"field\":\"days\"");
        assertThat(send("GET", LINE + "/days?from=1999-12-31", "vera", null).body()).contains("\"field\":\"from\"");
    }

    @Test
    void theContractorsStatusLeavesOutThePbxAndThePageAsksWhoIsLoggedInWithoutA401() throws Exception {
        assertThat(json(send("GET", "/api/v1/status", "kent", null)).has("pbx")).isFalse();
        assertThat(json(send("GET", "/api/v1/status", "rita", null)).has("pbx")).as("nor the reception's").isFalse();
        assertThat(json(send("GET", "/api/v1/status", "vera", null)).has("pbx")).isTrue();
        HttpResponse<String> nobody = send("GET", "/session", null, null);
        assertThat(nobody.statusCode()).isEqualTo(200);
        assertThat(nobody.body()).isEqualTo("{\"loggedIn\":false}");
    }

    /** Guards "the audit of reads stores every query parameter": the caller number searched for, any text a viewer adds. */
    @Test
    void theAuditOfReadsKeepsTheFiltersThatMatterButNeverTheCallerNumber() throws Exception {
        for (String path : List.of("/calls", "/calls.csv", "/stats")) {
            assertThat(send("GET", LINE + path + "?from=2026-11-25&to=2026-11-25&caller=0701234567&mode=open&answered=yes"
                    + "&mask=4&note=%0AINFO+forged&x=1", "vera", null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = send("GET", "/api/v1/audit?kind=reads&limit=3", "vera", null);
        assertThat(r.body()).doesNotContain("0701234567", "forged", "note", "\"x\"");
        JsonNode reads = json(r);
        assertThat(reads.findValuesAsText("action")).containsExactly("calls-counted", "calls-exported", "calls-listed");
        for (JsonNode read : reads) {
            JsonNode what = read.get("after");
            assertThat(read.get("line").asText()).isEqualTo("trygghetscenter");
            assertThat(what.get("from").asText()).isEqualTo("2026-11-25T00:00:00+01:00");
            assertThat(what.get("to").asText()).isEqualTo("2026-11-26T00:00:00+01:00");
            assertThat(what.get("caller").asBoolean()).as("a caller filter was used").isTrue();
            assertThat(what.get("mode").asText()).isEqualTo("OPEN");
            assertThat(what.get("answered").asText()).isEqualTo("yes");
        }
        assertThat(reads.get(2).get("after").get("mask").asInt()).isEqualTo(4);
        assertThat(reads.get(0).get("after").has("mask")).as("statistics show no numbers to mask").isFalse();
        send("GET", LINE + "/calls?from=2026-11-25", "vera", null);
        assertThat(json(send("GET", "/api/v1/audit?kind=reads&limit=1", "vera", null)).get(0).get("after").get("caller").asBoolean())
                .isFalse();
    }

    @Test
    void theAuditTrailShowsChangesOrReadsOfCalls() throws Exception {
        send("GET", LINE + "/calls?from=2026-11-25&to=2026-11-25", "vera", null);
        JsonNode reads = json(send("GET", "/api/v1/audit?kind=reads", "vera", null));
        assertThat(reads.findValuesAsText("action")).isNotEmpty().allMatch(AuditLog.READS::contains);
        assertThat(reads.get(0).get("actor").asText()).isEqualTo("vera");
        JsonNode changes = json(send("GET", "/api/v1/audit?kind=changes", "vera", null));
        assertThat(changes.findValuesAsText("action")).isNotEmpty().noneMatch(AuditLog.READS::contains);
        assertThat(send("GET", "/api/v1/audit?kind=everything", "vera", null).body()).contains("\"field\":\"kind\"");
    }
}
