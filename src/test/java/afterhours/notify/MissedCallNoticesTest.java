package afterhours.notify;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallStore;
import afterhours.calllog.MissedCallScenario;
import afterhours.config.AppConfig;
import afterhours.json.Json;
import afterhours.schedule.Mode;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missed calls told through the outbox, with a real webhook receiver (checking the signature) and a real
 * SMTP server: a missed call waits {@link MissedCallNotices#HOLD} for others on its line, then one message
 * per recipient that asked for missed calls, masked or in full as each chose, in its language; calls the
 * service learnt of from the spool say so. Friday 27 November 2026, 13:10 in Stockholm.
 */
class MissedCallNoticesTest {
    private static final String SECRET = "a-shared-secret-of-32-characters";
    private static final String LINE = "/api/v1/lines/trygghetscenter";

    @TempDir
    Path dir;

    private final NotifyingService service = new NotifyingService();

    private Afterhours app(AppConfig.Smtp smtp, OffsetClock clock) {
        return service.start(dir, smtp, clock, new RetryPolicy(Duration.ofMillis(150), Duration.ofMillis(600), 4));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return service.send(method, path, body);
    }

    private JsonNode addRecipient(String json) throws Exception {
        HttpResponse<String> r = send("POST", LINE + "/recipients", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body());
    }

    private JsonNode addWebhook(WebhookReceiver receiver, String events) throws Exception {
        return addRecipient("{\"name\":\"Vaktbolaget\",\"channel\":\"webhook\",\"address\":\"" + receiver.url()
                + "\",\"secret\":\"" + SECRET + "\",\"events\":" + events + "}");
    }

    /** A missed call at {@code hhmm} today: the office rang out after 20 s and the contractor was busy. */
    private static CallRecord missed(String id, String number, String hhmm) {
        return MissedCallScenario.call(id, "trygghetscenter", number, local("2026-11-27T" + hhmm), "office:NOANSWER/contractor:BUSY",
                25, Mode.OPEN);
    }

    @Test
    void threeMissedCallsGoInOneMessagePerRecipientMaskedForTheWebhookAndInFullByEmail() throws Exception {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-27T13:10"));
        int smtpPort = Ports.free();
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (WebhookReceiver hook = new WebhookReceiver(SECRET); WebhookReceiver switches = new WebhookReceiver(SECRET);
             Afterhours app = app(new AppConfig.Smtp("127.0.0.1", smtpPort, false, null, null, "afterhours@center.example"), clock)) {
            JsonNode view = addWebhook(hook, "[\"unscheduled\",\"missed\"]");
            assertThat(view.get("events").toString()).isEqualTo("[\"unscheduled\",\"missed\"]");
            assertThat(view.get("numbers").asText()).as("masked unless asked otherwise").isEqualTo("masked");
            JsonNode old = addWebhook(switches, "\"all\"");
            assertThat(old.get("events").toString()).as("the old single word").isEqualTo("[\"unscheduled\",\"switches\"]");
            addRecipient("{\"name\":\"Reception\",\"channel\":\"email\",\"address\":\"reception@center.example\","
                    + "\"language\":\"en\",\"events\":[\"missed\"],\"numbers\":\"full\"}");

            CallStore calls = new CallStore(app.database(), clock);
            calls.write(List.of(missed("c.1", "0701000001", "13:05"), missed("c.2", null, "13:05:30")));
            calls.writeSpooled(List.of());   // nothing from the spool
            calls.write(List.of(missed("c.3", "0701000003", "13:06")));
            Thread.sleep(3000);
            assertThat(hook.received()).as("a missed call waits for others on its line").isEmpty();

            clock.jumpTo(clock.instant().plus(MissedCallNotices.HOLD));
            await().atMost(Duration.ofSeconds(10)).until(() -> hook.received().size() == 1 && mail.getReceivedMessages().length == 1);
            WebhookReceiver.Received message = hook.received().get(0);
            assertThat(message.signed()).isTrue();
            assertThat(message.event()).isEqualTo("missed");
            JsonNode payload = Json.MAPPER.readTree(message.body());
            assertThat(payload.get("late").asBoolean()).isFalse();
            assertThat(payload.get("numbers").asText()).isEqualTo("masked");
            assertThat(payload.get("calls")).hasSize(3);
            JsonNode first = payload.get("calls").get(0);
            assertThat(first.get("callerNumber").asText()).isEqualTo("070100xxxx");
            assertThat(first.get("callerName").isNull()).isTrue();
            assertThat(first.get("why").asText()).isEqualTo("nobody-reached");
            assertThat(first.get("ringSeconds").asInt()).isEqualTo(25);
            assertThat(first.get("startedAt").asText()).isEqualTo("2026-11-27T13:05:00+01:00");
            assertThat(first.get("tried").toString()).isEqualTo(
                    "[{\"target\":\"office\",\"status\":\"NOANSWER\"},{\"target\":\"contractor\",\"status\":\"BUSY\"}]");
            assertThat(payload.get("calls").get(1).get("callerNumber").isNull()).as("withheld").isTrue();
            assertThat(payload.get("subject").asText()).isEqualTo("Trygghetscenter Karlstad: 3 missade samtal 13:05\u201313:06");
            assertThat(payload.get("text").asText()).isEqualTo("""
                    Ingen svarade på 3 samtal till Trygghetscenter Karlstad:
                    - 13:05 från 070100xxxx, ringde 25 s. Kontoret svarade inte, vaktbolaget var upptaget.
                    - 13:05 från dolt nummer, ringde 25 s. Kontoret svarade inte, vaktbolaget var upptaget.
                    - 13:06 från 070100xxxx, ringde 25 s. Kontoret svarade inte, vaktbolaget var upptaget.
                    De väntar på att någon ringer tillbaka (återuppringningslistan i Afterhours).""");
            assertThat(message.body()).as("no full number reaches a masked recipient").doesNotContain("0701000001", "Caller c.1");

            MimeMessage email = mail.getReceivedMessages()[0];
            assertThat(email.getSubject()).isEqualTo("Trygghetscenter Karlstad: 3 missed calls 13:05\u201313:06");
            assertThat((String) email.getContent()).contains("13:05 from 0701000001 (Caller c.1), rang 25 s. The office did"
                    + " not answer, the contractor was busy.");
            Thread.sleep(1000);
            assertThat(switches.received()).as("who did not ask for missed calls is not told").isEmpty();

            // a fourth, later: a message of its own; the three are not told again
            calls.write(List.of(missed("c.4", "0701000004", "13:11")));
            clock.jumpTo(clock.instant().plus(MissedCallNotices.HOLD));
            await().atMost(Duration.ofSeconds(10)).until(() -> hook.received().size() == 2);
            JsonNode second = Json.MAPPER.readTree(hook.received().get(1).body());
            assertThat(second.get("calls")).hasSize(1);
            assertThat(second.get("text").asText()).isEqualTo("Ingen svarade på ett samtal till Trygghetscenter Karlstad:"
                    + " 13:11 från 070100xxxx, ringde 25 s. Kontoret svarade inte, vaktbolaget var upptaget. Samtalet väntar"
                    + " på att någon ringer tillbaka (återuppringningslistan i Afterhours).");
        } finally {
            mail.stop();
        }
    }

    @Test
    void callsTheServiceLearntOfFromTheSpoolAreToldSayingSoAndALongListIsCut() throws Exception {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-27T13:10"));
        try (WebhookReceiver hook = new WebhookReceiver(SECRET); Afterhours app = app(null, clock)) {
            addRecipient("{\"name\":\"Vaktbolaget\",\"channel\":\"webhook\",\"address\":\"" + hook.url() + "\",\"secret\":\""
                    + SECRET + "\",\"events\":\"missed\",\"language\":\"en\"}");
            CallStore calls = new CallStore(app.database(), clock);
            List<CallRecord> night = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                night.add(MissedCallScenario.call("n." + i, "trygghetscenter", "07020000" + String.format("%02d", i),
                        local("2026-11-27T02:00").plusSeconds(60L * i), "contractor:NOANSWER", 40, Mode.FORWARDED));
            }
            calls.writeSpooled(night);
            clock.jumpTo(clock.instant().plus(MissedCallNotices.HOLD));
            await().atMost(Duration.ofSeconds(10)).until(() -> hook.received().size() == 1);
            JsonNode payload = Json.MAPPER.readTree(hook.received().get(0).body());
            assertThat(payload.get("late").asBoolean()).isTrue();
            assertThat(payload.get("calls")).hasSize(23);
            assertThat(payload.get("subject").asText()).isEqualTo(
                    "Trygghetscenter Karlstad: 23 missed calls 02:00\u201302:22, found afterwards");
            String text = payload.get("text").asText();
            assertThat(text).startsWith("Afterhours learnt of these calls only now, from the phone system's own record: the"
                    + " service or its link to the phone system was down when it rang. Nobody answered 23 calls to"
                    + " Trygghetscenter Karlstad:\n- 02:00 from 070200xxxx, rang 40 s. The contractor did not answer.");
            assertThat(text.lines().filter(l -> l.startsWith("- 02:"))).hasSize(NoticeText.MAX_CALLS_LISTED);
            assertThat(text).contains("\n- … and 3 more calls.\nThey wait on the call-back list in Afterhours.");
        }
    }
}
