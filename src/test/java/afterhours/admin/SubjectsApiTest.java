package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.calllog.CallStore;
import afterhours.calllog.CallerPrivacy;
import afterhours.calllog.ErasedNumbers;
import afterhours.calllog.MissedCallScenario;
import afterhours.calllog.NumberPlan;
import afterhours.json.Json;
import afterhours.schedule.Mode;
import afterhours.support.ApiClient;
import afterhours.support.ServiceWithUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller's rights over HTTP, for the admin: the access document (JSON, CSV), the erasure with its reason,
 * refusals naming the field with their code and changing nothing, and the audit trail holding the number masked.
 * Friday 27 November 2026, 14:00 in Stockholm; no AMI, so the PBX's spool is said not to be read.
 */
class SubjectsApiTest {
    private static final String SUBJECT = "/api/v1/subjects/";

    @TempDir
    Path dir;

    private ServiceWithUsers service;
    private Afterhours app;
    private CallStore calls;
    private ApiClient api;

    @BeforeEach
    void start() {
        service = ServiceWithUsers.start(dir, MissedCallScenario.NOW.plus(Duration.ofHours(1)));
        app = service.app();
        api = service.api();
        calls = new CallStore(app.database(), service.clock(), new CallerPrivacy(
                ErasedNumbers.in(app.config().keyDirectory(), NumberPlan.DEFAULT), Duration.ofDays(90)));
        MissedCallScenario.aMorning(calls);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void theAdminGetsEverythingHeldAboutANumberWrittenInAnyOfItsForms() throws Exception {
        for (String written : List.of("0701234567", "%2B46701234567", "0046701234567", "070-123%2045%2067", "+46701234567")) {
            JsonNode d = json(api.send("GET", SUBJECT + written, "anna", null), 200);
            assertThat(d.get("number").asText()).as(written).isEqualTo("+46701234567");
            assertThat(d.get("records")).hasSize(1);
            JsonNode call = d.get("records").get(0);
            assertThat(call.get("kind").asText()).isEqualTo("call");
            assertThat(call.get("id").asText()).isEqualTo("m.1");
            assertThat(call.get("line").asText()).isEqualTo("trygghetscenter");
            assertThat(call.get("at").asText()).isEqualTo("2026-11-27T10:05:00+01:00");
            assertThat(call.get("keptUntil").asText()).as("masked 90 days after the call").isEqualTo("2027-02-25T10:05:00+01:00");
            assertThat(call.get("data").get("callerNumber").asText()).isEqualTo("0701234567");
            assertThat(call.get("data").get("callerName").asText()).isEqualTo("Caller m.1");
            assertThat(d.get("pbxSpool").get("read").asBoolean()).isFalse();
            assertThat(d.get("pbxSpool").get("note").asText()).contains("not connected");
        }
        HttpResponse<String> csv = api.send("GET", SUBJECT + "0701234567?format=csv", "anna", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).hasSize(3).startsWith(afterhours.report.SubjectView.CSV_HEADER);
        assertThat(csv.body()).contains("call,m.1,trygghetscenter,2026-11-27T10:05:00+01:00", "0701234567,Caller m.1");
    }

    @Test
    void theErasureNeedsAReasonAndAValidNumberThenTakesTheNumberOutAndIsAuditedMasked() throws Exception {
        String before = Json.write(calls.stats(afterhours.calllog.CallFilter.all(), MissedCallScenario.STOCKHOLM));
        for (String[] bad : new String[][] {{"0701234567", "{}", "reason", "required"},
                {"0701234567", "{\"reason\":\"bad\\u0007\"}", "reason", "control_character"},
                {"0701234567", "{\"reason\":\"" + "x".repeat(201) + "\"}", "reason", "too_long"},
                {"070-12x", "{\"reason\":\"asked\"}", "number", "caller_number"},
                {"%2B%2B46", "{\"reason\":\"asked\"}", "number", "caller_number"}}) {
            JsonNode error = json(api.send("DELETE", SUBJECT + bad[0], "anna", bad[1]), 400);
            assertThat(error.get("field").asText()).as(bad[1]).isEqualTo(bad[2]);
            assertThat(error.get("code").asText()).as(bad[1]).isEqualTo(bad[3]);
        }
        assertThat(calls.find("m.1").orElseThrow().callerNumber()).as("nothing changed").isEqualTo("0701234567");
        assertThat(json(api.send("GET", SUBJECT + "12x", "anna", null), 400).get("code").asText()).isEqualTo("caller_number");
        assertThat(json(api.send("GET", SUBJECT + "0701234567?format=pdf", "anna", null), 400).get("field").asText())
                .isEqualTo("format");

        JsonNode erased = json(api.send("DELETE", SUBJECT + "0701234567", "anna",
                "{\"reason\":\"Art. 17 request by phone 27/11\"}"), 200);
        assertThat(erased.get("number").asText()).isEqualTo("+4670123xxxx");
        assertThat(erased.get("erased").get("call").asInt()).isEqualTo(1);
        assertThat(erased.get("pbxSpool").get("read").asBoolean()).isFalse();
        assertThat(calls.find("m.1").orElseThrow().callerNumber()).isNull();
        assertThat(Json.write(calls.stats(afterhours.calllog.CallFilter.all(), MissedCallScenario.STOCKHOLM))).isEqualTo(before);
        assertThat(json(api.send("GET", SUBJECT + "0701234567", "anna", null), 200).get("records")).isEmpty();

        // a call of the number that arrives later is erased on arrival
        calls.write(List.of(MissedCallScenario.call("m.9", "trygghetscenter", "+46701234567",
                MissedCallScenario.NOW.plusSeconds(600), "office:ANSWER", 5, Mode.OPEN)));
        assertThat(calls.find("m.9").orElseThrow().callerNumber()).isNull();

        String audit = api.send("GET", "/api/v1/audit", "vera", null).body();
        assertThat(audit).contains("subject-erased", "subject-exported", "+4670123xxxx", "Art. 17 request by phone 27/11")
                .doesNotContain("0701234567", "701234567");
    }
    @Test
    void theAuditTrailNeverHoldsACallerNumberWhateverTheAdminDoesWithOne() throws Exception {
        String line = "/api/v1/lines/trygghetscenter";
        assertThat(api.send("GET", line + "/calls?caller=0701234567", "anna", null).statusCode()).isEqualTo(200);
        assertThat(api.send("GET", line + "/calls.csv?caller=0701234567", "anna", null).statusCode()).isEqualTo(200);
        assertThat(api.send("GET", line + "/stats?caller=0701234567", "anna", null).statusCode()).isEqualTo(200);
        assertThat(api.send("GET", line + "/missed", "anna", null).statusCode()).isEqualTo(200);
        HttpResponse<String> marked = api.send("PUT", line + "/missed/m.1", "anna",
                "{\"outcome\":\"called-back\",\"at\":\"2026-11-27T10:30\",\"note\":\"Reached her on 070-123 45 67\"}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertThat(api.send("GET", SUBJECT + "0701234567", "anna", null).statusCode()).isEqualTo(200);
        assertThat(api.send("DELETE", SUBJECT + "0701234567", "anna", "{\"reason\":\"asked by 0701234567\"}").statusCode())
                .isEqualTo(200);

        String trail = app.database().read("the whole audit trail", c -> {
            StringBuilder all = new StringBuilder();
            try (var rs = c.createStatement().executeQuery("SELECT actor, action, line_id, before, after FROM audit")) {
                while (rs.next()) {
                    for (int i = 1; i <= 5; i++) {
                        all.append(rs.getString(i)).append('|');
                    }
                }
            }
            return all.toString();
        });
        assertThat(trail).contains("calls-listed", "calls-exported", "calls-counted", "missed-listed", "missed-marked",
                "subject-exported", "subject-erased", "Reached her on 070-123 xx xx", "asked by 070123xxxx");
        assertThat(trail.replaceAll("[ -]", "")).doesNotContain("701234567");
    }
}
