package afterhours.admin;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.calllog.CallStore;
import afterhours.calllog.MissedCallScenario;
import afterhours.json.Json;
import afterhours.schedule.Mode;
import afterhours.support.ApiClient;
import afterhours.support.ServiceWithUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The call-back list over HTTP: what it shows, marking by the reception (audited with the number masked),
 * refusals that name the field and the rule and change nothing, the line's missedAfterSeconds, and the
 * statistics. Friday 27 November 2026, 14:00 in Stockholm.
 */
class MissedCallsApiTest {
    private static final String LINE = "/api/v1/lines/trygghetscenter";

    @TempDir
    Path dir;

    private ServiceWithUsers service;
    private Afterhours app;
    private CallStore calls;
    private ApiClient api;

    @BeforeEach
    void start() {
        service = ServiceWithUsers.start(dir, local("2026-11-27T14:00"));
        app = service.app();
        api = service.api();
        calls = new CallStore(app.database(), service.clock());
        MissedCallScenario.aMorning(calls);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        return api.send(method, path, user, body);
    }

    private JsonNode get(String path, String user) throws Exception {
        HttpResponse<String> r = send("GET", path, user, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void theListShowsTheMissedCallsNewestFirstWithHowManyWaitAndForHowLong() throws Exception {
        JsonNode list = get(LINE + "/missed", "vera");
        assertThat(list.get("days").asInt()).isEqualTo(14);
        assertThat(list.get("from").asText()).startsWith("2026-11-13T14:00:");
        assertThat(list.get("total").asInt()).as("the 2-second hang-up is not one").isEqualTo(3);
        assertThat(list.get("waiting").asInt()).isEqualTo(1);
        assertThat(list.get("oldestWaitingSince").asText()).isEqualTo("2026-11-27T10:05:00+01:00");
        assertThat(list.get("oldestWaitingSeconds").asLong()).isBetween(3 * 3600L + 55 * 60, 3 * 3600L + 56 * 60);
        assertThat(list.get("calls").findValuesAsText("callId")).containsExactly("m.5", "m.2", "m.1");
        JsonNode withheld = list.get("calls").get(0);
        assertThat(withheld.get("callerNumber").isNull()).isTrue();
        assertThat(withheld.get("state").asText()).isEqualTo("withheld");
        JsonNode answeredLater = list.get("calls").get(1);
        assertThat(answeredLater.get("why").asText()).isEqualTo("caller-gave-up");
        assertThat(answeredLater.get("state").asText()).isEqualTo("answered-later");
        assertThat(answeredLater.get("answeredLaterAt").asText()).isEqualTo("2026-11-27T11:15:00+01:00");
        JsonNode waiting = list.get("calls").get(2);
        assertThat(waiting.get("callerNumber").asText()).as("in full: it is there to be called back").isEqualTo("0701234567");
        assertThat(waiting.get("state").asText()).isEqualTo("waiting");
        assertThat(waiting.get("why").asText()).isEqualTo("nobody-reached");
        assertThat(waiting.get("tried").toString()).isEqualTo(
                "[{\"target\":\"office\",\"status\":\"NOANSWER\"},{\"target\":\"contractor\",\"status\":\"BUSY\"}]");
        assertThat(waiting.get("callBack").isNull()).isTrue();
        // pages of at most 500, by the cursor of the page before
        JsonNode firstPage = get(LINE + "/missed?limit=2", "vera");
        assertThat(firstPage.get("calls").findValuesAsText("callId")).containsExactly("m.5", "m.2");
        assertThat(get(LINE + "/missed?limit=2&cursor=" + firstPage.get("next").asText(), "vera").get("calls")
                .findValuesAsText("callId")).containsExactly("m.1");
        for (String bad : List.of("limit=501", "limit=0", "cursor=not-a-cursor")) {
            HttpResponse<String> r = send("GET", LINE + "/missed?" + bad, "vera", null);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).get("field").asText()).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
        // reading caller numbers is audited, as the call log's listing is
        JsonNode reads = get("/api/v1/audit?kind=reads", "anna");
        assertThat(reads.get(0).get("action").asText()).isEqualTo("missed-listed");
        assertThat(reads.get(0).get("actor").asText()).isEqualTo("vera");
        assertThat(reads.get(0).get("after").get("from").asText()).startsWith("2026-11-13T14:00:");
        assertThat(reads.get(0).get("after").get("days").asInt()).isEqualTo(14);
    }

    @Test
    void theReceptionMarksACallBackWithANoteAndTheAuditTrailKeepsItWithTheNumberMasked() throws Exception {
        HttpResponse<String> marked = send("PUT", LINE + "/missed/m.1", "rita",
                "{\"outcome\":\"called-back\",\"at\":\"2026-11-27T13:30\",\"note\":\"All well, wrong ward\"}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        JsonNode view = Json.MAPPER.readTree(marked.body());
        assertThat(view.get("state").asText()).isEqualTo("called-back");
        assertThat(view.get("callBack").get("by").asText()).isEqualTo("rita");
        assertThat(view.get("callBack").get("at").asText()).isEqualTo("2026-11-27T13:30:00+01:00");
        assertThat(view.get("callBack").get("note").asText()).isEqualTo("All well, wrong ward");

        JsonNode list = get(LINE + "/missed", "vera");
        assertThat(list.get("waiting").asInt()).isZero();
        assertThat(list.get("oldestWaitingSince").isNull()).isTrue();
        assertThat(list.get("calls").get(2).get("state").asText()).isEqualTo("called-back");

        JsonNode audit = get("/api/v1/audit?kind=changes", "anna").get(0);
        assertThat(audit.get("action").asText()).isEqualTo("missed-marked");
        assertThat(audit.get("actor").asText()).isEqualTo("rita");
        assertThat(audit.get("before").isNull()).isTrue();
        assertThat(audit.get("after").get("callerNumber").asText()).isEqualTo("070123xxxx");
        assertThat(audit.get("after").get("outcome").asText()).isEqualTo("called-back");
        assertThat(audit.toString()).doesNotContain("0701234567");

        // a second mark replaces the first (audited before and after); undoing it is audited too
        assertThat(send("PUT", LINE + "/missed/m.1", "anna", "{\"outcome\":\"no-need\"}").statusCode()).isEqualTo(200);
        JsonNode replaced = get("/api/v1/audit?kind=changes", "anna").get(0);
        assertThat(replaced.get("before").get("outcome").asText()).isEqualTo("called-back");
        assertThat(replaced.get("after").get("outcome").asText()).isEqualTo("no-need");
        assertThat(send("DELETE", LINE + "/missed/m.1", "rita", null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/audit?kind=changes", "anna").get(0).get("action").asText()).isEqualTo("missed-unmarked");
        assertThat(get(LINE + "/missed", "rita").get("waiting").asInt()).isEqualTo(1);
        assertThat(send("DELETE", LINE + "/missed/m.1", "rita", null).statusCode()).as("nothing left to undo").isEqualTo(404);
        assertThat(send("PUT", LINE + "/missed/m.4", "rita", "{\"outcome\":\"no-need\"}").statusCode())
                .as("a caller who hung up after 2 s is not a missed call").isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no outcome       | {"note":"x"}                                        | outcome | required
            unknown outcome  | {"outcome":"maybe"}                                 | outcome | one_of
            in the future    | {"outcome":"called-back","at":"2026-11-27T15:00"}   | at      | outside_period
            before the call  | {"outcome":"called-back","at":"2026-11-27T10:05"}   | at      | outside_period
            not a time       | {"outcome":"called-back","at":"soon"}               | at      | instant_format
            in the DST gap   | {"outcome":"called-back","at":"2027-03-28T02:30"}   | at      | in_dst_gap
            long note        | {"outcome":"no-need","note":"NOTE"}                 | note    | too_long
            a line break     | {"outcome":"no-need","note":"one\\ntwo"}            | note    | control_character
            unknown key      | {"outcome":"no-need","who":"x"}                     | who     | unknown_key
            not text         | {"outcome":{"a":"no-need"}}                         | outcome | expected_text
            """)
    void aBadMarkIsRefusedNamingTheFieldAndTheRuleAndChangesNothing(String what, String body, String field, String code)
            throws Exception {
        int before = get("/api/v1/audit?kind=changes&limit=1000", "anna").size();
        HttpResponse<String> r = send("PUT", LINE + "/missed/m.1", "rita", body.replace("NOTE", "n".repeat(201)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(r.body());
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("code").asText()).isEqualTo(code);
        if (code.equals("one_of")) {
            assertThat(error.get("params").get("allowed").toString()).isEqualTo("[\"called-back\",\"no-need\"]");
        }
        assertThat(get(LINE + "/missed", "rita").get("waiting").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/audit?kind=changes&limit=1000", "anna")).hasSize(before);
    }

    @Test
    void theLinesMissedAfterSecondsIsASettingWithItsRange() throws Exception {
        assertThat(get(LINE, "anna").get("missedAfterSeconds").asInt()).isEqualTo(10);
        HttpResponse<String> wrong = send("PATCH", LINE, "anna", "{\"missedAfterSeconds\":\"301\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(wrong.body()).get("field").asText()).isEqualTo("missedAfterSeconds");
        assertThat(send("PATCH", LINE, "anna", "{\"missedAfterSeconds\":\"20\"}").statusCode()).isEqualTo(200);
        assertThat(get(LINE, "vera").get("missedAfterSeconds").asInt()).isEqualTo(20);
        // from now on a caller who hangs up after 15 s of ringing on this line is not counted; one after 25 s is
        calls.write(List.of(
                MissedCallScenario.call("c.5", "trygghetscenter", "0701000005", local("2026-11-27T13:00"), "office:CANCEL", 15,
                        Mode.OPEN),
                MissedCallScenario.call("c.6", "trygghetscenter", "0701000006", local("2026-11-27T13:10"), "office:CANCEL", 25,
                        Mode.OPEN)));
        assertThat(get(LINE + "/missed", "vera").get("calls").findValuesAsText("callId"))
                .containsExactly("c.6", "m.5", "m.2", "m.1");
        assertThat(get("/api/v1/audit?kind=changes", "anna").get(0).get("after").get("missedAfterSeconds").asInt())
                .isEqualTo(20);
    }

    @Test
    void theStatisticsCountTheMissedCalls() throws Exception {
        assertThat(send("PUT", LINE + "/missed/m.1", "rita", "{\"outcome\":\"called-back\",\"at\":\"2026-11-27T10:35:26\"}")
                .statusCode()).isEqualTo(200);
        JsonNode missed = get(LINE + "/stats?from=2026-11-27&to=2026-11-27", "vera").get("missed");
        assertThat(missed.get("total").asInt()).isEqualTo(3);
        assertThat(missed.get("share").asDouble()).isEqualTo(0.6);
        assertThat(missed.get("open").asInt()).isEqualTo(3);
        assertThat(missed.get("forwarded").asInt()).isZero();
        assertThat(missed.get("byWeekdayAndHour").get("FRIDAY").toString())
                .isEqualTo("[0,0,0,0,0,0,0,0,0,0,2,0,1,0,0,0,0,0,0,0,0,0,0,0]");
        assertThat(missed.get("calledBack").asInt()).isEqualTo(1);
        assertThat(missed.get("medianCallBackSeconds").asDouble()).isEqualTo(1800.0);
    }
}
