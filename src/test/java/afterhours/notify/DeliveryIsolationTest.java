package afterhours.notify;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.json.Json;
import afterhours.notify.send.WebhookSender;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.StallingReceiver;
import afterhours.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each recipient's messages in a lane of their own, over real sockets: a receiver that sends its headers and
 * then stalls inside the body, one that never answers (twenty messages of it), one whose answer does not end,
 * and more stalling receivers than there are lanes. The other recipients, a webhook and an e-mail through a
 * local SMTP server, are told in their usual time; each bad try costs its own lane the deadline at most.
 * Friday 27 November 2026, 13:10 in Stockholm.
 */
class DeliveryIsolationTest {
    private static final String SECRET = "a-shared-secret-of-32-characters";
    private static final String LINE = "/api/v1/lines/trygghetscenter";
    /** One try per message during a test: a timed-out try is not repeated within it. */
    private static final RetryPolicy ONCE_AN_HOUR = new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1), 3);
    /** The good recipients' usual time, with room for a loaded machine; the deadline is 10 s. */
    private static final Duration USUAL = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    private final NotifyingService service = new NotifyingService();
    private GreenMail mail;
    private AppConfig.Smtp smtp;

    @BeforeEach
    void mailServer() {
        int port = Ports.free();
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        smtp = new AppConfig.Smtp("127.0.0.1", port, false, null, null, "afterhours@center.example");
    }

    @AfterEach
    void stopMail() {
        mail.stop();
    }

    private Afterhours app() {
        return service.start(dir, smtp, OffsetClock.startingAt(local("2026-11-27T13:10")), ONCE_AN_HOUR);
    }

    private long addWebhook(String name, String url) throws Exception {
        HttpResponse<String> r = service.send("POST", LINE + "/recipients", "{\"name\":\"" + name + "\",\"channel\":\"webhook\","
                + "\"address\":\"" + url + "\",\"secret\":\"" + SECRET + "\",\"events\":\"unscheduled\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body()).get("id").asLong();
    }

    private void addDesk() throws Exception {
        HttpResponse<String> r = service.send("POST", LINE + "/recipients", "{\"name\":\"Desk\",\"channel\":\"email\","
                + "\"address\":\"desk@contractor.example\",\"language\":\"en\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private String test(long recipient) throws Exception {
        HttpResponse<String> r = service.send("POST", LINE + "/recipients/" + recipient + "/test", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Json.MAPPER.readTree(r.body()).get("deliveryId").asText();
    }

    /** The override everyone is told of; returns when it was made, in nanos. */
    private long override() throws Exception {
        long at = System.nanoTime();
        assertThat(service.send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\"}").statusCode()).isEqualTo(200);
        return at;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private JsonNode deliveryOf(long recipient) throws Exception {
        for (JsonNode d : Json.MAPPER.readTree(service.send("GET", LINE + "/deliveries", null).body())) {
            if (d.get("recipient").asLong() == recipient) {
                return d;
            }
        }
        return null;
    }

    /** Guards "one stalling receiver silences every notice": the headers came, the body never did. */
    @Test
    void aReceiverThatStallsInsideItsAnswerDelaysNoOtherRecipientAndIsCutOffAtTheDeadline() throws Exception {
        try (StallingReceiver stalling = new StallingReceiver(StallingReceiver.Way.HEADERS_THEN_STALL);
             WebhookReceiver good = new WebhookReceiver(SECRET); Afterhours app = app()) {
            long stalled = addWebhook("Stalls", stalling.url());     // first: its message is the first claimed
            addWebhook("Vaktbolaget", good.url());
            addDesk();
            long changed = override();
            await().atMost(USUAL).until(() -> good.received().size() == 1);
            long webhookMillis = millisSince(changed);
            await().atMost(USUAL).until(() -> mail.getReceivedMessages().length == 1);
            long mailMillis = millisSince(changed);
            assertThat(stalling.requests()).as("the stalling receiver has its request").isEqualTo(1);
            assertThat(stalling.closed()).as("and is still stalling").isEmpty();

            await().atMost(Duration.ofSeconds(15)).until(() -> stalling.closed().size() == 1);
            long held = stalling.closed().get(0).heldMillis();
            System.out.printf("Delivery: with a receiver stalling inside its answer, the other webhook came %d ms and the"
                    + " e-mail %d ms after the change; the stalling one was cut off %d ms after its request%n",
                    webhookMillis, mailMillis, held);
            assertThat(held).as("cut off at the 10 s deadline").isBetween(9_000L, 11_000L);
            await().atMost(Duration.ofSeconds(3)).until(() -> deliveryOf(stalled).get("attempts").asInt() == 1);
            JsonNode d = deliveryOf(stalled);
            assertThat(d.get("status").asText()).isEqualTo("retrying");
            assertThat(d.get("lastError").asText()).startsWith("no complete answer within 10 s (the headers came, then");
        }
    }

    /** Guards "a receiver that never answers costs 10 s per try, so 20 such messages delay everyone by minutes". */
    @Test
    void twentyMessagesToAReceiverThatNeverAnswersDelayNoOneAndEachTryCostsTheDeadline() throws Exception {
        try (StallingReceiver silent = new StallingReceiver(StallingReceiver.Way.NEVER_ANSWER);
             WebhookReceiver good = new WebhookReceiver(SECRET); Afterhours app = app()) {
            long dead = addWebhook("Never answers", silent.url());
            long live = addWebhook("Vaktbolaget", good.url());
            addDesk();
            for (int i = 0; i < 20; i++) {
                test(dead);
            }
            long changed = override();
            List<String> inOrder = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                inOrder.add(test(live));
            }
            await().atMost(USUAL).until(() -> good.received().size() == 6 && mail.getReceivedMessages().length == 1);
            long othersMillis = millisSince(changed);
            assertThat(good.received().subList(1, 6).stream().map(WebhookReceiver.Received::deliveryId).toList())
                    .as("one recipient's messages arrive in the order they were written").isEqualTo(inOrder);

            await().atMost(Duration.ofSeconds(25)).until(() -> silent.closed().size() >= 2);
            List<StallingReceiver.Connection> tries = silent.closed();
            System.out.printf("Delivery: behind 20 messages to a receiver that never answers, the other recipients had"
                    + " their 6 webhooks and e-mail %d ms after the change; its tries were given up after %d and %d ms%n",
                    othersMillis, tries.get(0).heldMillis(), tries.get(1).heldMillis());
            assertThat(tries).allSatisfy(t -> assertThat(t.heldMillis()).as("one try: the deadline").isBetween(9_000L, 11_000L));
            assertThat(silent.mostOpen()).as("a recipient's messages go one at a time").isEqualTo(1);
            JsonNode first = Json.MAPPER.readTree(service.send("GET", LINE + "/deliveries?limit=500", null).body());
            assertThat(first.findValuesAsText("lastError")).contains("no complete answer within 10 s (no answer)");
        }
    }

    /** An answer is read up to 64 KiB: one that goes on is cut there and the try fails; one of 64 KiB is taken. */
    @Test
    void anAnswerLongerThan64KiBFailsTheTryAtOnceAndOneOf64KiBIsSuccess() throws Exception {
        try (StallingReceiver endless = new StallingReceiver(StallingReceiver.Way.LONG_BODY, 64L * 1024 * 1024);
             StallingReceiver exact = new StallingReceiver(StallingReceiver.Way.LONG_BODY, WebhookSender.MAX_ANSWER);
             Afterhours app = app()) {
            long tooLong = addWebhook("Talks on", endless.url());
            long justRight = addWebhook("Talks", exact.url());
            test(tooLong);
            test(justRight);
            await().atMost(USUAL).until(() -> deliveryOf(tooLong).get("attempts").asInt() == 1
                    && deliveryOf(justRight).get("status").asText().equals("sent"));
            assertThat(WebhookSender.MAX_ANSWER).isEqualTo(65_536);
            assertThat(deliveryOf(tooLong).get("lastError").asText()).isEqualTo("the receiver's answer is longer than 65536 bytes");
            await().atMost(USUAL).until(() -> endless.closed().size() == 1);
            assertThat(endless.closed().get(0).heldMillis()).as("cut off, not read to its end").isLessThan(USUAL.toMillis());
        }
    }

    /**
     * Eight lanes: with more receivers stalling at once than that, eight requests are open and the next
     * recipient's message waits for a lane, one deadline at most.
     */
    @Test
    void atMostEightRecipientsAreSentToAtOnceAndTheNinthWaitsOneDeadlineAtMost() throws Exception {
        try (StallingReceiver silent = new StallingReceiver(StallingReceiver.Way.NEVER_ANSWER);
             WebhookReceiver good = new WebhookReceiver(SECRET); Afterhours app = app()) {
            for (int i = 0; i < 10; i++) {
                addWebhook("Silent " + i, silent.url());
            }
            addWebhook("Vaktbolaget", good.url());
            long changed = override();
            await().atMost(Duration.ofSeconds(15)).until(() -> good.received().size() == 1);
            long waited = millisSince(changed);
            System.out.printf("Delivery: with 10 receivers that never answer, %d requests were open at once; the 11th"
                    + " recipient was told %d ms after the change%n", silent.mostOpen(), waited);
            assertThat(DeliveryWorker.LANES).isEqualTo(8);
            assertThat(silent.mostOpen()).as("lanes").isEqualTo(DeliveryWorker.LANES);
            assertThat(waited).as("a lane freed at the deadline").isBetween(9_000L, 13_000L);
        }
    }
}
