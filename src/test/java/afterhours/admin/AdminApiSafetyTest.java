package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.json.Json;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What keeps one request from sending a night's calls to an empty office, over real HTTP: an override that
 * keeps the line open outside its hours and a range into the next day need an explicit yes and say their
 * effect first; past exceptions and over-long notes are refused; the schedule's reason comes as facts.
 * The center is open on weekdays 10:00-15:00; "now" is Wednesday 2 December 2026, 15:23, after closing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiSafetyTest {
    private static final String LINE = "/api/v1/lines/trygghetscenter";
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final String WEEKDAYS = "{\"monday\":[\"10:00-15:00\"],\"tuesday\":[\"10:00-15:00\"],"
            + "\"wednesday\":[\"10:00-15:00\"],\"thursday\":[\"10:00-15:00\"],\"friday\":[\"10:00-15:00\"]}";

    private Afterhours app;
    private OffsetClock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private String token;

    @BeforeAll
    void start(@TempDir Path dir) {
        int port = Ports.free();
        clock = OffsetClock.startingAt(local("2026-12-02T15:23"));
        app = Afterhours.open(TestConfigs.withHttp(TestConfigs.sample(dir), port), new LoggingPbxGateway(), clock);
        app.start();
        token = Passwords.newToken();
        new UserStore(app.database()).addToken("safety", Role.ADMIN, Passwords.tokenHash(token), Instant.now());
        app.startAdmin();
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @BeforeEach
    void afterClosingOnARegularWeek() throws Exception {
        clock.jumpTo(local("2026-12-02T15:23"));
        assertThat(send("PUT", LINE + "/hours", WEEKDAYS.replace("}", ",\"confirm\":true}")).statusCode()).isEqualTo(200);
        send("DELETE", LINE + "/override", null);
        for (JsonNode e : json(send("GET", LINE + "/exceptions", null))) {
            send("DELETE", LINE + "/exceptions/" + e.get("id").asLong(), null);
        }
    }

    private static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(STOCKHOLM).toInstant();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private JsonNode status() throws Exception {
        return json(send("GET", "/api/v1/status", null)).get("lines").get(0);
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void openNowAfterClosingSaysTheNightAndTheEndFirstAndChangesNothingUntilConfirmed() throws Exception {
        HttpResponse<String> asked = send("PUT", LINE + "/override", "{\"mode\":\"OPEN\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(409);
        JsonNode error = json(asked);
        assertThat(error.get("error").asText()).isEqualTo("confirmation_needed");
        assertThat(error.get("code").asText()).isEqualTo("open_outside_hours");
        assertThat(error.get("field").asText()).isEqualTo("confirm");
        JsonNode effect = error.get("params");
        assertThat(effect.get("mode").asText()).isEqualTo("OPEN");
        assertThat(effect.get("until").asText()).isEqualTo("2026-12-03T15:00:00+01:00");
        assertThat(effect.get("end").asText()).isEqualTo("2026-12-03T15:00:00+01:00");
        assertThat(effect.get("minutes").asLong()).as("23 h 37 min").isEqualTo(23 * 60 + 37);
        assertThat(effect.get("openOutsideHoursMinutes").asLong()).as("15:23 to 10:00").isEqualTo(18 * 60 + 37);
        assertThat(effect.get("night").asBoolean()).isTrue();
        assertThat(effect.get("confirmationNeeded").asBoolean()).isTrue();
        assertThat(effect.get("then").get("mode").asText()).isEqualTo("FORWARDED");
        assertThat(error.get("message").asText()).isEqualTo("this keeps the line open outside its opening hours for 1117"
                + " minutes, including the night, until 2026-12-03T15:00:00+01:00: send \"confirm\": true to go ahead");
        assertThat(status().get("mode").asText()).as("nothing changed").isEqualTo("FORWARDED");
        assertThat(status().get("override").isNull()).isTrue();

        assertThat(send("PUT", LINE + "/override", "{\"mode\":\"OPEN\",\"confirm\":true}").statusCode()).isEqualTo(200);
        JsonNode line = status();
        assertThat(line.get("mode").asText()).isEqualTo("OPEN");
        // the status's until and the manual setting's end are one instant
        assertThat(line.get("nextChange").asText()).isEqualTo("2026-12-03T15:00:00+01:00");
        assertThat(line.get("override").get("until").asText()).isEqualTo("2026-12-03T15:00:00+01:00");
        assertThat(line.get("why").get("kind").asText()).isEqualTo("override");
        assertThat(line.get("why").get("until").asText()).isEqualTo("2026-12-03T15:00:00+01:00");
        assertThat(line.get("override").get("effect").get("end").asText()).isEqualTo("2026-12-03T15:00:00+01:00");
    }

    @Test
    void theEffectCanBeAskedBeforeSavingForEveryKindOfEnd() throws Exception {
        JsonNode nextChange = json(send("GET", LINE + "/override/effect?mode=OPEN&until=next-change", null));
        assertThat(nextChange.get("until").asText()).isEqualTo("2026-12-03T15:00:00+01:00");
        assertThat(nextChange.get("confirmationNeeded").asBoolean()).isTrue();
        JsonNode halfHour = json(send("GET", LINE + "/override/effect?mode=OPEN&until=PT30M", null));
        assertThat(halfHour.get("until").asText()).isEqualTo("2026-12-02T15:53:00+01:00");
        assertThat(halfHour.get("end").asText()).isEqualTo("2026-12-02T15:53:00+01:00");
        assertThat(halfHour.get("night").asBoolean()).isFalse();
        assertThat(halfHour.get("confirmationNeeded").asBoolean()).isFalse();
        JsonNode endOfDay = json(send("GET", LINE + "/override/effect?mode=OPEN&until=end-of-day", null));
        assertThat(endOfDay.get("until").asText()).isEqualTo("2026-12-03T00:00:00+01:00");
        assertThat(endOfDay.get("night").asBoolean()).isTrue();
        JsonNode forward = json(send("GET", LINE + "/override/effect?mode=FORWARDED&until=" + query("2026-12-03 14:00"), null));
        assertThat(forward.get("forwardedDuringHoursMinutes").asLong()).as("10:00 to 14:00").isEqualTo(240);
        assertThat(forward.get("confirmationNeeded").asBoolean()).isFalse();
        assertThat(json(send("GET", "/api/v1/status", null)).get("lines").get(0).get("override").isNull())
                .as("asking changes nothing").isTrue();
    }

    @Test
    void forwardNowUntilAChosenTimeTomorrow() throws Exception {
        HttpResponse<String> set = send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\",\"until\":\"2026-12-03 14:00\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).get("until").asText()).isEqualTo("2026-12-03T14:00:00+01:00");
        assertThat(json(set).get("untilNextChange").asBoolean()).isFalse();
        JsonNode line = status();
        assertThat(line.get("mode").asText()).isEqualTo("FORWARDED");
        assertThat(line.get("nextChange").asText()).isEqualTo("2026-12-03T14:00:00+01:00");
    }

    @Test
    void anExplicitEndInsideTheHoursSaysWhatHoldsAfterIt() throws Exception {
        assertThat(send("PUT", LINE + "/override", "{\"mode\":\"OPEN\",\"until\":\"2026-12-03T10:00\",\"confirm\":true}")
                .statusCode()).isEqualTo(200);
        JsonNode line = status();
        assertThat(line.get("nextChange").asText()).isEqualTo("2026-12-03T15:00:00+01:00");
        JsonNode override = line.get("override");
        assertThat(override.get("until").asText()).isEqualTo("2026-12-03T10:00:00+01:00");
        assertThat(line.get("why").get("until").asText()).isEqualTo("2026-12-03T10:00:00+01:00");
        JsonNode then = override.get("effect").get("then");
        assertThat(then.get("mode").asText()).isEqualTo("OPEN");
        assertThat(then.get("reason").asText()).isEqualTo("REGULAR_HOURS");
        assertThat(then.get("until").asText()).isEqualTo("2026-12-03T15:00:00+01:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT " + LINE + "/override {\"mode\":\"OPEN\",\"until\":\"2027-03-28T02:30\",\"confirm\":true}",
        "PUT " + LINE + "/override {\"mode\":\"OPEN\",\"until\":\"2027-03-28 02:30\",\"confirm\":true}",
        "GET " + LINE + "/override/effect?mode=OPEN&until=2027-03-28T02:30",
        "GET " + LINE + "/preview?from=2027-03-28T02:30"})
    void aLocalTimeInTheSpringGapIsRefusedWhereverAnInstantIsTaken(String request) throws Exception {
        String[] parts = request.split(" ", 3);
        HttpResponse<String> r = send(parts[0], parts[1], parts.length > 2 ? parts[2] : null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = json(r);
        assertThat(error.get("code").asText()).isEqualTo("in_dst_gap");
        assertThat(error.get("params").get("zone").asText()).isEqualTo("Europe/Stockholm");
        assertThat(error.get("params").get("value").asText()).startsWith("2027-03-28");
    }

    @Test
    void overrideEndsThatCannotBeAreRefusedWithTheirCode() throws Exception {
        JsonNode past = json(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\",\"until\":\"2026-12-02 15:00\"}"));
        assertThat(past.get("code").asText()).isEqualTo("in_past");
        assertThat(past.get("params").get("value").asText()).isEqualTo("2026-12-02T15:00:00+01:00");
        assertThat(past.get("params").get("now").asText()).isEqualTo("2026-12-02T15:23:00+01:00");
        JsonNode far = json(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\",\"until\":\"P400D\"}"));
        assertThat(far.get("code").asText()).isEqualTo("too_far");
        assertThat(json(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\",\"until\":\"PT9999999999999H\"}"))
                .get("code").asText()).as("centuries, not an overflow").isEqualTo("too_far");
        assertThat(far.get("params").get("maxDays").asInt()).isEqualTo(366);
        JsonNode word = json(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\",\"until\":\"soon\"}"));
        assertThat(word.get("code").asText()).isEqualTo("instant_format");
        JsonNode note = json(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\",\"note\":\"" + "x".repeat(201) + "\"}"));
        assertThat(note.get("code").asText()).isEqualTo("too_long");
        assertThat(note.get("params").get("length").asInt()).isEqualTo(201);
        assertThat(status().get("override").isNull()).isTrue();
    }

    @Test
    void aRangeIntoTheNextDayNeedsAYesAndIsAnsweredWithItsSpan() throws Exception {
        String reversed = "{\"monday\":[\"15:00-10:00\"]}";
        HttpResponse<String> asked = send("PUT", LINE + "/hours", reversed);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(409);
        JsonNode error = json(asked);
        assertThat(error.get("error").asText()).isEqualTo("confirmation_needed");
        assertThat(error.get("code").asText()).isEqualTo("range_reversed");
        assertThat(error.get("field").asText()).isEqualTo("monday[0]");
        assertThat(error.get("params").get("from").asText()).isEqualTo("15:00");
        assertThat(error.get("params").get("to").asText()).isEqualTo("10:00");
        assertThat(error.get("params").get("minutes").asInt()).isEqualTo(19 * 60);
        assertThat(error.get("params").get("nextDay").asBoolean()).isTrue();
        assertThat(json(send("GET", LINE + "/hours", null)).get("monday").get(0).asText()).as("unchanged")
                .isEqualTo("10:00-15:00");

        HttpResponse<String> saved = send("PUT", LINE + "/hours", reversed.replace("}", ",\"confirm\":true}"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(json(saved).get("overnight").toString())
                .isEqualTo("[{\"field\":\"monday[0]\",\"from\":\"15:00\",\"to\":\"10:00\",\"nextDay\":true,\"minutes\":1140}]");
        // saved once, the same range is no accident the next time the week is saved
        HttpResponse<String> again = send("PUT", LINE + "/hours", "{\"monday\":[\"15:00-10:00\"],\"friday\":[\"10:00-12:00\"]}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("overnight").get(0).get("field").asText()).isEqualTo("monday[0]");
        assertThat(json(send("PUT", LINE + "/hours", WEEKDAYS)).get("overnight").toString()).isEqualTo("[]");
    }

    @Test
    void exceptionHoursIntoTheNextDayNeedAYesToo() throws Exception {
        String body = "{\"date\":\"2026-12-10\",\"hours\":[\"09:00-10:00\",\"12:00-10:00\"]}";
        HttpResponse<String> asked = send("POST", LINE + "/exceptions", body);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(409);
        assertThat(json(asked).get("field").asText()).isEqualTo("hours[1]");
        assertThat(json(asked).get("params").get("minutes").asInt()).isEqualTo(22 * 60);
        assertThat(json(send("GET", LINE + "/exceptions", null))).isEmpty();
        HttpResponse<String> added = send("POST", LINE + "/exceptions", body.replace("}", ",\"confirm\":true}"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).get("overnight").get(0).get("to").asText()).isEqualTo("10:00");
    }

    @Test
    void anExceptionInThePastIsRefusedTodayAndLaterAreTaken() throws Exception {
        JsonNode past = json(send("POST", LINE + "/exceptions", "{\"date\":\"2026-12-01\",\"closed\":true}"));
        assertThat(past.get("field").asText()).isEqualTo("date");
        assertThat(past.get("code").asText()).isEqualTo("in_past");
        assertThat(past.get("params").get("value").asText()).isEqualTo("2026-12-01");
        assertThat(past.get("params").get("now").asText()).isEqualTo("2026-12-02");
        JsonNode range = json(send("POST", LINE + "/exceptions", "{\"from\":\"2026-11-20\",\"to\":\"2026-12-01\",\"closed\":true}"));
        assertThat(range.get("field").asText()).isEqualTo("to");
        assertThat(range.get("code").asText()).isEqualTo("in_past");
        assertThat(send("POST", LINE + "/exceptions", "{\"date\":\"2026-12-02\",\"closed\":true}").statusCode()).isEqualTo(201);
        assertThat(send("POST", LINE + "/exceptions", "{\"from\":\"2026-11-30\",\"to\":\"2026-12-04\",\"hours\":[\"10:00-12:00\"]}")
                .statusCode()).as("an exception going on today").isEqualTo(400);   // overlaps the one just added
    }

    @Test
    void anOverLongNoteIsRefusedNeverCut() throws Exception {
        HttpResponse<String> r = send("POST", LINE + "/exceptions", "{\"date\":\"2026-12-10\",\"closed\":true,\"note\":\""
                + "x".repeat(300) + "\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("code").asText()).isEqualTo("too_long");
        assertThat(json(r).get("params").toString()).isEqualTo("{\"max\":200,\"length\":300}");
        assertThat(json(r).get("message").asText()).isEqualTo("at most 200 characters, was 300");
        assertThat(json(send("GET", LINE + "/exceptions", null))).isEmpty();
    }

    @Test
    void theReasonComesAsFactsInTheStatusTheDaysThePreviewAndTheSwitches() throws Exception {
        assertThat(send("POST", LINE + "/exceptions", "{\"date\":\"2026-12-03\",\"hours\":[\"10:00-12:00\"],\"note\":\"Halvdag\"}")
                .statusCode()).isEqualTo(201);
        JsonNode band = json(send("GET", LINE + "/days?from=2026-12-03&days=1", null)).get(0).get("bands").get(1);
        assertThat(band.get("mode").asText()).isEqualTo("OPEN");
        assertThat(band.get("why").toString()).isEqualTo("{\"kind\":\"exception_hours\",\"hours\":[\"10:00-12:00\"],"
                + "\"holiday\":null,\"note\":\"Halvdag\",\"setBy\":null,\"until\":null}");
        assertThat(band.get("detail").asText()).as("the English text stays for scripts").isEqualTo("Halvdag (10:00-12:00)");
        JsonNode preview = json(send("GET", LINE + "/preview?count=1", null)).get(0);
        assertThat(preview.get("why").get("kind").asText()).isEqualTo("exception_hours");
        JsonNode christmas = json(send("GET", LINE + "/days?from=2026-12-24&days=1", null)).get(0).get("bands").get(0);
        assertThat(christmas.get("why").get("kind").asText()).isEqualTo("holiday");
        assertThat(christmas.get("why").get("holiday").asText()).isEqualTo("Julafton");
        assertThat(status().get("why").get("kind").asText()).isEqualTo("outside_hours");
        assertThat(send("PUT", LINE + "/override", "{\"mode\":\"OPEN\",\"until\":\"PT30M\",\"note\":\"Brandövning\"}")
                .statusCode()).isEqualTo(200);
        JsonNode lastSwitch = json(send("GET", LINE + "/switches?limit=1", null)).get(0);
        assertThat(lastSwitch.get("why").get("kind").asText()).isEqualTo("override");
        assertThat(lastSwitch.get("why").get("note").asText()).isEqualTo("Brandövning");
        assertThat(lastSwitch.get("why").get("setBy").asText()).isEqualTo("safety");
    }
}
