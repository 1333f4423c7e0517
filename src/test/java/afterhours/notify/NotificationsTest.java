package afterhours.notify;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.json.Json;
import afterhours.store.InstanceLocks;
import afterhours.support.LogCapture;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.StartTlsSmtpServer;
import afterhours.support.TestConfigs;
import afterhours.support.WebhookReceiver;
import afterhours.switching.Trigger;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Notices to the contractor through real parts: a webhook receiver that checks the HMAC signature, a
 * GreenMail SMTP server with a login, a receiver that refuses the first tries, and a restart while a
 * message waits. Friday 27 November 2026, 13:10 in Stockholm: the line is open until 15:00.
 */
class NotificationsTest {
    private static final String SECRET = "a-shared-secret-of-32-characters";
        private static final String LINE = "/api/v1/lines/trygghetscenter";
    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(150), Duration.ofMillis(600), 4);

    @TempDir
    Path dir;

    private final NotifyingService service = new NotifyingService();

    private Afterhours app(AppConfig.Smtp smtp, OffsetClock clock) {
        return app(smtp, clock, QUICK);
    }

    private Afterhours app(AppConfig.Smtp smtp, OffsetClock clock, RetryPolicy retry) {
        return app(smtp, clock, retry, List.of());
    }

    private Afterhours app(AppConfig.Smtp smtp, OffsetClock clock, RetryPolicy retry, List<String> webhookHosts) {
        return service.start(dir, smtp, clock, retry, webhookHosts);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return service.send(method, path, body);
    }

    /**
     * Guards "webhooks may target any host, and the delivery log (readable by viewers) tells refused, timeout and HTTP
     * status apart": with notifications.webhookHosts set, no webhook goes elsewhere, not even one stored before the
     * list; and a viewer's delivery log says a message failed, never why.
     */
    @Test
    void webhooksGoOnlyToTheAllowedHostsAndViewersSeeNoCauseOfAFailure() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET); Afterhours app = app(null,
                OffsetClock.startingAt(local("2026-11-27T13:10")), QUICK, List.of("alarm.contractor.example", "*.vakt.example"))) {
            HttpResponse<String> refused = send("POST", LINE + "/recipients", "{\"name\":\"Scan\",\"channel\":\"webhook\","
                    + "\"address\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\"}");
            assertThat(refused.statusCode()).isEqualTo(400);
            JsonNode error = Json.MAPPER.readTree(refused.body());
            assertThat(error.get("code").asText()).isEqualTo("host_not_allowed");
            assertThat(error.get("params").get("allowed").toString()).isEqualTo("[\"alarm.contractor.example\",\"*.vakt.example\"]");
            assertThat(send("POST", LINE + "/recipients", "{\"name\":\"Vakt\",\"channel\":\"webhook\","
                    + "\"address\":\"https://larm.vakt.example/in\",\"secret\":\"" + SECRET + "\"}").statusCode()).isEqualTo(201);
            // one stored before the list was set
            Recipient before = app.database().write("an older recipient", c -> app.recipients().add(c, new Recipient(0,
                    "trygghetscenter", "Old", Recipient.Channel.WEBHOOK, receiver.url(), SECRET, Locale.forLanguageTag("sv"),
                    EnumSet.of(Recipient.Event.UNSCHEDULED), 10, Instant.now(), Recipient.Numbers.MASKED)));
            send("POST", LINE + "/recipients/" + before.id() + "/test", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().findValuesAsText("status").contains("failed"));
            assertThat(receiver.requests()).as("no request left for a host off the list").isZero();
            JsonNode failed = deliveries().get(0);
            assertThat(failed.get("attempts").asInt()).isEqualTo(1);
            assertThat(failed.get("lastError").asText()).isEqualTo("127.0.0.1 is not among the hosts webhooks may go to"
                    + " (notifications.webhookHosts)");
            new UserStore(app.database()).put("vera", Role.VIEWER, Passwords.hash(NotifyingService.PASSWORD), Instant.now());
            HttpResponse<String> viewers = service.send("GET", LINE + "/deliveries", null, "vera");
            JsonNode seen = Json.MAPPER.readTree(viewers.body()).get(0);
            assertThat(seen.get("status").asText()).isEqualTo("failed");
            assertThat(seen.get("lastError").isNull()).isTrue();
        }
    }

    /** The contractor's webhook, told of an outage (PBX link or service) after 15 minutes. */
    private void addOutageWatcher(WebhookReceiver receiver) throws Exception {
        HttpResponse<String> r = send("POST", LINE + "/recipients", "{\"name\":\"Vaktbolaget\",\"channel\":\"webhook\","
                + "\"address\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\",\"downMinutes\":\"15\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** The contractor's desk by e-mail, in English. */
    private void addDeskByEmail() throws Exception {
        HttpResponse<String> added = send("POST", LINE + "/recipients", "{\"name\":\"Desk\",\"channel\":\"email\","
                + "\"address\":\"desk@contractor.example\",\"language\":\"en\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    private long addWebhook(String url, String events) throws Exception {
        HttpResponse<String> r = send("POST", LINE + "/recipients", "{\"name\":\"Vaktbolaget\",\"channel\":\"webhook\",\"address\":\""
                + url + "\",\"secret\":\"" + SECRET + "\",\"language\":\"sv\",\"events\":\"" + events + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode view = Json.MAPPER.readTree(r.body());
        assertThat(view.get("secret").asText()).as("the API never shows the secret").isEqualTo("set");
        return view.get("id").asLong();
    }

    @Test
    void anOverrideReachesTheContractorsWebhookSignedInPlainSwedish() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET); LogCapture logs = new LogCapture();
             Afterhours app = app(null, OffsetClock.startingAt(local("2026-11-27T13:10")))) {
            addWebhook(receiver.url(), "unscheduled");
            assertThat(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\",\"note\":\"personalmöte\"}").statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            WebhookReceiver.Received first = receiver.received().get(0);
            assertThat(first.signed()).as("HMAC-SHA256 of the body with the shared secret").isTrue();
            assertThat(first.event()).isEqualTo("override-set");
            JsonNode payload = Json.MAPPER.readTree(first.body());
            assertThat(payload.get("text").asText()).isEqualTo(
                    "Trygghetscenter Karlstad vidarekopplas till er från 13:10 till måndag 10:00 (manuellt: anna, personalmöte).");
            assertThat(payload.get("deliveryId").asText()).isEqualTo(first.deliveryId());
            assertThat(payload.get("mode").asText()).isEqualTo("FORWARDED");
            assertThat(payload.get("until").asText()).isEqualTo("2026-11-30T10:00:00+01:00");
            assertThat(payload.get("actor").asText()).isEqualTo("anna");

            // the time from the admin's request to the webhook, over alternating clears and overrides
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int before = receiver.received().size();
                long start = System.nanoTime();
                HttpResponse<String> r = i % 2 == 0 ? send("DELETE", LINE + "/override", null)
                        : send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\"}");
                assertThat(r.statusCode()).isIn(200, 204);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == before + 1);
                millis.add((receiver.received().get(before).nanos() - start) / 1_000_000);
            }
            millis.sort(null);
            System.out.printf("Notifications: override to webhook, median %d ms, max %d ms over %d changes%n",
                    millis.get(millis.size() / 2), millis.get(millis.size() - 1), millis.size());
            assertThat(receiver.received()).allMatch(WebhookReceiver.Received::signed);
            assertThat(new HashSet<>(receiver.received().stream().map(WebhookReceiver.Received::deliveryId).toList()))
                    .hasSize(receiver.received().size());
            JsonNode log = Json.MAPPER.readTree(send("GET", LINE + "/deliveries", null).body());
            assertThat(log.findValuesAsText("status")).hasSize(11).containsOnly("sent");
            assertThat(logs.all()).doesNotContain(SECRET);

            // a viewer sees who is told, but not the webhook's path, which often is a key itself
            new UserStore(app.database()).put("vera", Role.VIEWER, Passwords.hash(NotifyingService.PASSWORD), Instant.now());
            HttpResponse<String> asViewer = service.send("GET", LINE + "/recipients", null, "vera");
            assertThat(Json.MAPPER.readTree(asViewer.body()).get(0).get("address").asText())
                    .isEqualTo("http://127.0.0.1:" + URI.create(receiver.url()).getPort() + "/…");
            assertThat(asViewer.body()).doesNotContain("/hook", SECRET);
            // nor in the audit trail (guards "a viewer reads the full webhook URL in the audit trail")
            HttpResponse<String> audit = service.send("GET", "/api/v1/audit?kind=changes", null, "vera");
            JsonNode added = Json.MAPPER.readTree(audit.body()).findParents("action").stream()
                    .filter(e -> e.get("action").asText().equals("recipient-added")).findFirst().orElseThrow();
            assertThat(added.get("after").get("address").asText())
                    .isEqualTo("http://127.0.0.1:" + URI.create(receiver.url()).getPort() + "/…");
            assertThat(audit.body()).doesNotContain("/hook", SECRET);
            // and the delivery log tells a viewer that a message waits or failed, not why (refused, timed out, a status)
            HttpResponse<String> viewersLog = service.send("GET", LINE + "/deliveries", null, "vera");
            assertThat(Json.MAPPER.readTree(viewersLog.body()).findValues("lastError")).allMatch(JsonNode::isNull);
        }
    }

    @Test
    void aReceiverThatRefusesTheFirstTriesGetsItLaterAndOneThatNeverAnswersIsMarkedFailed() throws Exception {
        WebhookReceiver gone = new WebhookReceiver(SECRET);
        String deadUrl = gone.url();
        gone.close();
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET);
             Afterhours app = app(null, OffsetClock.startingAt(local("2026-11-27T13:10")))) {
            long flaky = addWebhook(receiver.url(), "unscheduled");
            long dead = addWebhook(deadUrl, "unscheduled");
            receiver.failNext(2);
            assertThat(send("POST", LINE + "/recipients/" + flaky + "/test", null).statusCode()).isEqualTo(202);
            assertThat(send("POST", LINE + "/recipients/" + dead + "/test", null).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.requests()).isEqualTo(3);
            assertThat(Json.MAPPER.readTree(receiver.received().get(0).body()).get("text").asText())
                    .startsWith("Testmeddelande från Afterhours, skickat av anna. Just nu: Trygghetscenter Karlstad är öppet");
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().findValuesAsText("status").contains("failed"));
            JsonNode log = deliveries();
            for (JsonNode d : log) {
                if (d.get("recipient").asLong() == flaky) {
                    assertThat(d.get("status").asText()).isEqualTo("sent");
                    assertThat(d.get("attempts").asInt()).isEqualTo(3);
                } else {
                    assertThat(d.get("status").asText()).isEqualTo("failed");
                    assertThat(d.get("attempts").asInt()).isEqualTo(QUICK.attempts());
                    assertThat(d.get("lastError").asText()).isNotBlank();
                }
            }
        }
    }

    @Test
    void theDeliveryLogKeeps90DaysOfSentMessagesAndEveryWaitingOne() throws Exception {
        WebhookReceiver gone = new WebhookReceiver(SECRET);
        String deadUrl = gone.url();
        gone.close();
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-27T13:10"));
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET); Afterhours app = app(null, clock,
                new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1), 5))) {
            long live = addWebhook(receiver.url(), "unscheduled");
            long dead = addWebhook(deadUrl, "unscheduled");
            send("POST", LINE + "/recipients/" + live + "/test", null);
            send("POST", LINE + "/recipients/" + dead + "/test", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1
                    && deliveries().findValuesAsText("attempts").equals(List.of("1", "1")));
            Outbox outbox = app.outbox();
            assertThat(outbox.forgetOld(clock.instant().plus(Duration.ofDays(89)))).isZero();
            assertThat(outbox.forgetOld(clock.instant().plus(Duration.ofDays(91)))).as("the sent one").isEqualTo(1);
            assertThat(deliveries().findValuesAsText("status")).containsExactly("retrying");
        }
    }

    private JsonNode deliveries() throws Exception {
        return Json.MAPPER.readTree(send("GET", LINE + "/deliveries", null).body());
    }

    @Test
    void aMessageWaitingWhenTheServiceStopsIsDeliveredAfterTheRestart() throws Exception {
        WebhookReceiver down = new WebhookReceiver(SECRET);
        int port = down.port();
        String url = down.url();
        down.close();
        try (Afterhours first = app(null, OffsetClock.startingAt(local("2026-11-27T13:10")))) {
            addWebhook(url, "unscheduled");
            assertThat(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().get(0).get("attempts").asInt() >= 1);
        }
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, port);
             Afterhours second = app(null, OffsetClock.startingAt(local("2026-11-27T13:12")))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().get(0).event()).isEqualTo("override-set");
            assertThat(receiver.received().get(0).deliveryId()).isEqualTo(deliveries().get(0).get("deliveryId").asText());
            Thread.sleep(500);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    /**
     * Guards "a message being sent when the service is killed stays claimed for 5 minutes after a restart": what a
     * killed process claimed is sent at the next start, while a claim of an instance that still runs is left to it
     * (taken back only once it stops running, within {@link DeliveryWorker#TAKE_BACK}).
     */
    @Test
    void aMessageAKilledInstanceHadClaimedIsSentAtTheNextStartAndARunningInstancesIsLeftToIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            long[] recipients = new long[2];
            try (Afterhours first = app(null, OffsetClock.startingAt(local("2026-11-27T13:10")))) {
                recipients[0] = addWebhook(receiver.url(), "unscheduled");
                recipients[1] = addWebhook(receiver.url(), "unscheduled");
            }
            Path file = dir.resolve("afterhours.db");
            InstanceLocks running = InstanceLocks.of(afterhours.store.Database.open(file));
            running.hold("afterhours-still-running");
            try {
                // what the killed process left: its claim of five minutes; and another instance's, which runs on
                afterhours.store.Database db = afterhours.store.Database.open(file);
                Instant killedAt = local("2026-11-27T13:11");
                long until = killedAt.plus(DeliveryWorker.HOLD).toEpochMilli();
                db.write("claims left behind", c -> {
                    String[][] claims = {{"killed-1", "afterhours-killed"}, {"running-1", "afterhours-still-running"}};
                    for (int i = 0; i < claims.length; i++) {
                        String[] claim = claims[i];
                        try (var ps = c.prepareStatement("INSERT INTO notify_outbox (delivery_id, recipient_id, line_id, event,"
                                + " subject, body, payload, created_at, status, attempts, next_attempt_at, claimed_by, claimed_until)"
                                + " VALUES (?, ?, 'trygghetscenter', 'test', 's', 'b', '{}', ?, 'pending', 0, ?, ?, ?)")) {
                            ps.setString(1, claim[0]);
                            ps.setLong(2, recipients[i]);
                            ps.setLong(3, killedAt.toEpochMilli());
                            ps.setLong(4, killedAt.toEpochMilli());
                            ps.setString(5, claim[1]);
                            ps.setLong(6, until);
                            ps.executeUpdate();
                        }
                    }
                    return null;
                });
                long started = System.nanoTime();
                try (Afterhours second = app(null, OffsetClock.startingAt(local("2026-11-27T13:12")))) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 1);
                    long tookBack = (System.nanoTime() - started) / 1_000_000;
                    assertThat(receiver.received().get(0).deliveryId()).isEqualTo("killed-1");
                    Thread.sleep(1500);
                    assertThat(receiver.received()).as("the running instance's message is its own to send").hasSize(1);
                    running.close();
                    long stopped = System.nanoTime();
                    await().atMost(DeliveryWorker.TAKE_BACK.plusSeconds(3)).until(() -> receiver.received().size() == 2);
                    System.out.printf("Notifications: a killed instance's claim was sent %d ms after the next start; a running"
                            + " one's %d ms after it stopped running%n", tookBack, (System.nanoTime() - stopped) / 1_000_000);
                    assertThat(receiver.received().get(1).deliveryId()).isEqualTo("running-1");
                    assertThat(receiver.received()).allMatch(WebhookReceiver.Received::signed);
                }
            } finally {
                running.close();
            }
        }
    }

    @Test
    void aStartAfterTheServiceWasDownLongerThanTheRecipientsMinutesTellsFromWhenToWhen() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            try (Afterhours first = app(null, OffsetClock.startingAt(local("2026-11-27T02:13")))) {
                addOutageWatcher(receiver);
                Thread.sleep(300);   // its first heartbeat
            }
            try (Afterhours second = app(null, OffsetClock.startingAt(local("2026-11-27T02:41")))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
                assertThat(receiver.received().get(0).event()).isEqualTo("service-down");
                assertThat(Json.MAPPER.readTree(receiver.received().get(0).body()).get("text").asText()).isEqualTo(
                        "Afterhours var inte igång från 02:13 till 02:41 (28 min): omkopplingar under den tiden gjordes vid"
                                + " omstarten, samtalen följde växelns senast kända läge. Just nu: Trygghetscenter Karlstad"
                                + " vidarekopplas till er från 02:41 till 10:00.");
            }
        }
    }

    @Test
    void aPbxLinkDownLongerThanTheRecipientsMinutesIsToldOncePerOutage() throws Exception {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-27T13:10"));
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET); Afterhours app = app(null, clock)) {
            addOutageWatcher(receiver);
            AtomicReference<Instant> down = new AtomicReference<>();
            PbxDownWatch watch = new PbxDownWatch(down::get, new OutageNotices(app.database(), new RecipientStore(app.database()),
                    app.outbox(), app.lines()), clock);
            down.set(clock.instant().minus(Duration.ofMinutes(10)));
            watch.run();
            Thread.sleep(500);
            assertThat(receiver.received()).as("10 minutes down: not yet").isEmpty();
            down.set(clock.instant().minus(Duration.ofMinutes(20)));
            watch.run();
            watch.run();
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().get(0).event()).isEqualTo("pbx-down");
            assertThat(Json.MAPPER.readTree(receiver.received().get(0).body()).get("text").asText()).startsWith(
                    "Afterhours har inte kontakt med telefonväxeln för Trygghetscenter Karlstad sedan 12:50 (20 min).");
            // a second instance on the same database lost its own link to the PBX 3 s later: the same outage
            AtomicReference<Instant> downThere = new AtomicReference<>(
                    down.get().plusSeconds(3));
            PbxDownWatch otherInstance = new PbxDownWatch(downThere::get, new OutageNotices(app.database(),
                    new RecipientStore(app.database()), app.outbox(), app.lines()), clock);
            otherInstance.run();
            down.set(null);        // back; a new outage, half an hour later, is news again
            watch.run();
            clock.jumpTo(clock.instant().plus(Duration.ofMinutes(30)));
            down.set(clock.instant().minus(Duration.ofMinutes(16)));
            watch.run();
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 2);
            downThere.set(down.get().plusMillis(400));
            otherInstance.run();
            Thread.sleep(300);
            assertThat(receiver.received()).as("each outage once, though both instances saw it").hasSize(2);
            assertThat(app.outbox().recent("trygghetscenter", 10)).as("written to the outbox")
                    .filteredOn(d -> d.event().equals("pbx-down")).hasSize(2);
        }
    }

    @Test
    void anOutageIsToldOnceWhoeverTellsItAndTheNextOneIsNewsEvenFromTheSameInstant() throws Exception {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-27T13:10"));
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET); Afterhours app = app(null, clock)) {
            addOutageWatcher(receiver);
            OutageNotices outages = new OutageNotices(app.database(), new RecipientStore(app.database()), app.outbox(), app.lines());
            Instant now = clock.instant();
            assertThat(outages.tell(Notice.Kind.SERVICE_DOWN, now.minus(Duration.ofMinutes(20)), now, r -> true, r -> { }))
                    .as("a start after 20 minutes with no instance running").isEqualTo(1);
            assertThat(outages.tell(Notice.Kind.SERVICE_DOWN, now.minus(Duration.ofMinutes(20)), now.plusMillis(300), r -> true,
                    r -> { })).as("a second instance starting with it: the same outage").isZero();
            // that start stopped before its first heartbeat: the next outage counts from the instant it told
            assertThat(outages.tell(Notice.Kind.SERVICE_DOWN, now, now.plus(Duration.ofMinutes(30)), r -> true, r -> { }))
                    .as("the next outage").isEqualTo(1);
        }
    }

    @Test
    void anEmailGoesThroughTheOrganisationsSmtpServerWithALogin() throws Exception {
        int smtpPort = Ports.free();
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.setUser("afterhours@center.example", "afterhours", "mail-password-1");
        mail.start();
        try (LogCapture logs = new LogCapture();
             Afterhours app = app(new AppConfig.Smtp("127.0.0.1", smtpPort, false, "afterhours", "mail-password-1",
                     "afterhours@center.example"), OffsetClock.startingAt(local("2026-11-27T13:10")))) {
            addDeskByEmail();
            assertThat(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\",\"note\":\"staff meeting\"}").statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 1);
            MimeMessage m = mail.getReceivedMessages()[0];
            assertThat(m.getSubject()).isEqualTo("Trygghetscenter Karlstad: forwarded to you from 13:10");
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("desk@contractor.example");
            assertThat(m.getHeader("X-Afterhours-Delivery")).hasSize(1);
            assertThat(((String) m.getContent()).strip()).startsWith("Trygghetscenter Karlstad is forwarded to you from 13:10 until"
                    + " Monday 10:00 (set by hand: anna, staff meeting).");
            assertThat(logs.all()).doesNotContain("mail-password-1");
        } finally {
            mail.stop();
        }
    }

    /** The sample configuration with an SMTP server on 127.0.0.1 that requires STARTTLS, as the file configures it. */
    private AppConfig.Smtp startTlsSmtp(int port, Path trust) {
        String sample;
        try {
            sample = Files.readString(TestConfigs.SAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = TestConfigs.write(dir, "smtp.yaml", sample + "\nnotifications:\n  smtp:\n    host: 127.0.0.1\n    port: " + port
                + "\n    username: afterhours\n    from: afterhours@center.example\n    trust: " + trust + "\n");
        return ConfigLoader.load(file, Map.of(ConfigLoader.ENV_DATABASE,
                dir.resolve("smtp.db").toString(), "AFTERHOURS_SMTP_PASSWORD", "mail-password-1")).smtp();
    }

    @Test
    void anEmailGoesOverStartTlsToAServerWhoseCertificateTheConfiguredAuthoritySigned() throws Exception {
        try (StartTlsSmtpServer mail = new StartTlsSmtpServer(dir, "ip:127.0.0.1", "afterhours", "mail-password-1");
             LogCapture logs = new LogCapture();
             Afterhours app = app(startTlsSmtp(mail.port(), mail.certificate()), OffsetClock.startingAt(local("2026-11-27T13:10")))) {
            assertThat(app.config().smtp().starttls()).as("STARTTLS is the default").isTrue();
            addDeskByEmail();
            assertThat(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> mail.received().size() == 1);
            StartTlsSmtpServer.Received m = mail.received().get(0);
            assertThat(m.tls()).as("the message crossed an upgraded connection").isTrue();
            assertThat(m.to()).isEqualTo("desk@contractor.example");
            assertThat(m.text()).contains("Subject: Trygghetscenter Karlstad: forwarded to you from 13:10");
            assertThat(logs.all()).doesNotContain("mail-password-1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a certificate no configured authority signed, ip:127.0.0.1, false, certification path",
        "a trusted certificate for another host, dns:mail.other.example, true, No subject alternative names matching"})
    void noEmailGoesToAServerWhoseCertificateDoesNotHold(String what, String names, boolean trustIt, String why) throws Exception {
        try (StartTlsSmtpServer mail = new StartTlsSmtpServer(dir, names, "afterhours", "mail-password-1");
             StartTlsSmtpServer other = new StartTlsSmtpServer(dir, "ip:127.0.0.1", "afterhours", "mail-password-1");
             Afterhours app = app(startTlsSmtp(mail.port(), trustIt ? mail.certificate() : other.certificate()),
                     OffsetClock.startingAt(local("2026-11-27T13:10")))) {
            addDeskByEmail();
            assertThat(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> app.outbox().recent("trygghetscenter", 10).stream()
                    .anyMatch(d -> d.lastError() != null));
            assertThat(mail.received()).as(what).isEmpty();
            Outbox.Delivery d = app.outbox().recent("trygghetscenter", 10).get(0);
            assertThat(d.status()).isNotEqualTo(Outbox.Status.SENT);
            assertThat(d.lastError()).as("the delivery log says why").contains("TLS", why);
        }
    }

    @Test
    void everySwitchGoesOnlyToWhoAskedForItAndAFarExceptionIsNotNews() throws Exception {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-27T13:10"));
        try (WebhookReceiver all = new WebhookReceiver(SECRET); WebhookReceiver unscheduled = new WebhookReceiver(SECRET);
             Afterhours app = app(null, clock)) {
            addWebhook(all.url(), "all");
            addWebhook(unscheduled.url(), "unscheduled");
            // an exception in June is shown by the calendar, not told now; one on Monday is
            assertThat(send("POST", LINE + "/exceptions", "{\"date\":\"2027-06-01\",\"closed\":true}").statusCode()).isEqualTo(201);
            assertThat(send("POST", LINE + "/exceptions", "{\"date\":\"2026-11-30\",\"closed\":true,\"note\":\"Personaldag\"}")
                    .statusCode()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> unscheduled.received().size() == 1 && all.received().size() == 1);
            assertThat(Json.MAPPER.readTree(unscheduled.received().get(0).body()).get("text").asText()).isEqualTo(
                    "Trygghetscenter Karlstad är stängt 2026-11-30 och vidarekopplas till er hela dagen"
                            + " (undantag tillagt av anna: Personaldag).");
            // 15:00: the schedule closes the office
            clock.jumpTo(local("2026-11-27T15:00:02"));
            app.switchboard().reconcile("trygghetscenter", Trigger.SCHEDULE);
            await().atMost(Duration.ofSeconds(10)).until(() -> all.received().size() == 2);
            assertThat(all.received().get(1).event()).isEqualTo("switch");
            assertThat(Json.MAPPER.readTree(all.received().get(1).body()).get("text").asText()).isEqualTo(
                    "Trygghetscenter Karlstad vidarekopplas till er från 15:00 till tisdag 10:00 (utanför öppettider).");
            Thread.sleep(500);
            assertThat(unscheduled.received()).as("a scheduled switch is not news to this recipient").hasSize(1);
        }
    }

    @Test
    void withTheSmtpServerDownTheSwitchHappensAtOnceAndTheMailFollowsWhenTheServerIsBack() throws Exception {
        int smtpPort = Ports.free();
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        RetryPolicy patient = new RetryPolicy(Duration.ofMillis(200), Duration.ofMillis(500), 40);
        try (Afterhours app = app(new AppConfig.Smtp("127.0.0.1", smtpPort, false, null, null, "afterhours@center.example"),
                OffsetClock.startingAt(local("2026-11-27T13:10")), patient)) {
            assertThat(send("POST", LINE + "/recipients", "{\"name\":\"Desk\",\"channel\":\"email\","
                    + "\"address\":\"desk@contractor.example\"}").statusCode()).isEqualTo(201);
            assertThat(send("PUT", LINE + "/override", "{\"mode\":\"FORWARDED\"}").statusCode()).isEqualTo(200);
            // the line is forwarded already; the mail waits for its server
            assertThat(Json.MAPPER.readTree(send("GET", "/api/v1/status", null).body()).get("lines").get(0).get("mode").asText())
                    .isEqualTo("FORWARDED");
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().get(0).get("attempts").asInt() >= 2);
            JsonNode waiting = deliveries().get(0);
            assertThat(waiting.get("status").asText()).isEqualTo("retrying");
            assertThat(waiting.get("lastError").asText()).isNotBlank();
            mail.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> deliveries().get(0).get("status").asText().equals("sent"));
        } finally {
            mail.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no channel          | {"name":"x","address":"a@b.example"}                                              | channel     | required
            e-mail with secret  | {"name":"x","channel":"email","address":"a@b.example","secret":"0123456789abcdef"} | secret      | secret_not_allowed
            not an address      | {"name":"x","channel":"email","address":"desk at contractor"}                     | address     | email_address
            webhook no secret   | {"name":"x","channel":"webhook","address":"https://hooks.example/a"}              | secret      | required
            short secret        | {"name":"x","channel":"webhook","address":"https://hooks.example/a","secret":"short"} | secret | too_short
            bad env name        | {"name":"x","channel":"webhook","address":"https://hooks.example/a","secret":"env:a b"} | secret | env_name
            ftp url             | {"name":"x","channel":"webhook","address":"ftp://hooks.example/a","secret":"0123456789abcdef"} | address | webhook_url
            url with user       | {"name":"x","channel":"webhook","address":"https://u:p@hooks.example/a","secret":"0123456789abcdef"} | address | webhook_url
            language            | {"name":"x","channel":"email","address":"a@b.example","language":"fi"}             | language    | one_of
            events              | {"name":"x","channel":"email","address":"a@b.example","events":"some"}             | events      | one_of
            second event        | {"name":"x","channel":"email","address":"a@b.example","events":["missed","some"]}  | events[1]   | one_of
            no events           | {"name":"x","channel":"email","address":"a@b.example","events":[]}                 | events      | required
            numbers             | {"name":"x","channel":"webhook","address":"https://hooks.example/a","secret":"0123456789abcdef","numbers":"half"} | numbers | one_of
            down minutes        | {"name":"x","channel":"email","address":"a@b.example","downMinutes":"1441"}        | downMinutes | out_of_range
            down minutes text   | {"name":"x","channel":"email","address":"a@b.example","downMinutes":"ten"}         | downMinutes | whole_number
            unknown key         | {"name":"x","channel":"email","address":"a@b.example","cc":"c@d.example"}          | cc          | unknown_key
            e-mail, no server   | {"name":"x","channel":"email","address":"a@b.example"}                             | channel     | smtp_missing
            port out of range   | {"name":"x","channel":"webhook","address":"http://127.0.0.1:99999/x","secret":"0123456789abcdef"} | address | url_port
            an e-mail group     | {"name":"x","channel":"email","address":"team: a@x.example, b@x.example;"}         | address     | one_mailbox
            an e-mail list      | {"name":"x","channel":"email","address":"a@x.example, b@x.example"}                | address     | one_mailbox
            name with a newline | {"name":"Vakt\\nINFO forged","channel":"email","address":"a@b.example"}           | name        | control_character
            the SMTP password   | {"name":"x","channel":"webhook","address":"https://hooks.example/a","secret":"env:AFTERHOURS_SMTP_PASSWORD"} | secret | env_not_allowed
            an unset variable   | {"name":"x","channel":"webhook","address":"https://hooks.example/a","secret":"env:AFTERHOURS_WEBHOOK_UNSET"} | secret | env_unset
            """)
    void aBadRecipientIsRefusedNamingTheFieldAndNothingIsStored(String what, String body, String field, String code)
            throws Exception {
        try (Afterhours app = app(null, OffsetClock.startingAt(local("2026-11-27T13:10")))) {
            HttpResponse<String> r = send("POST", LINE + "/recipients", body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).get("field").asText()).isEqualTo(field);
            assertThat(Json.MAPPER.readTree(r.body()).get("code").asText()).isEqualTo(code);
            assertThat(send("GET", LINE + "/recipients", null).body()).isEqualTo("[]");
        }
    }

    @Test
    void anEmailRecipientIsRefusedWhileNoMailServerIsConfiguredSayingWhatToConfigure() throws Exception {
        try (Afterhours app = app(null, OffsetClock.startingAt(local("2026-11-27T13:10")))) {
            HttpResponse<String> r = send("POST", LINE + "/recipients",
                    "{\"name\":\"Desk\",\"channel\":\"email\",\"address\":\"desk@contractor.example\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode error = Json.MAPPER.readTree(r.body());
            assertThat(error.get("code").asText()).isEqualTo("smtp_missing");
            assertThat(error.get("params").get("keys").toString())
                    .isEqualTo("[\"notifications.smtp.host\",\"notifications.smtp.from\"]");
            assertThat(error.get("message").asText()).contains("notifications.smtp.host", "notifications.smtp.from");
            assertThat(send("GET", LINE + "/recipients", null).body()).isEqualTo("[]");
        }
    }

    @Test
    void downMinutesLeftOutOrEmptyIsTheDefaultTenAndZeroIsAChoice() throws Exception {
        try (Afterhours app = app(null, OffsetClock.startingAt(local("2026-11-27T13:10")))) {
            String hook = "{\"name\":\"Hook\",\"channel\":\"webhook\",\"address\":\"https://hooks.example/a\",\"secret\":\""
                    + SECRET + "\"";
            for (String down : List.of("", ",\"downMinutes\":\"\"", ",\"downMinutes\":null", ",\"downMinutes\":0")) {
                HttpResponse<String> r = send("POST", LINE + "/recipients", hook + down + "}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                assertThat(Json.MAPPER.readTree(r.body()).get("downMinutes").asInt()).as(down)
                        .isEqualTo(down.endsWith("0") ? 0 : 10);
            }
        }
    }
}
