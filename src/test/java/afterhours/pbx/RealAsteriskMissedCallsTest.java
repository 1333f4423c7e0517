package afterhours.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.asterisk.RealAsterisk;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallStore;
import afterhours.calllog.MissedCallEntry;
import afterhours.calllog.MissedCallStore;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.json.Json;
import afterhours.notify.Recipient;
import afterhours.notify.RecipientStore;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.support.WebhookReceiver;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missed calls through a real Asterisk 22 and the whole service (skipped with one line where none is
 * installed). Three lines, always open, ring times cut to 5 s: on the first the office rings out and the
 * contractor is busy; on the second the office is busy and the contractor rings until the caller gives up;
 * the third is like the first. Calls placed at once: one on the first line (one message within 30 s of its
 * end), two on the second (the caller who gives up after 2 s is no missed call, the one after 15 s is), three
 * on the third (one message with three calls). Every recipient is a webhook and sees masked numbers. Then the
 * service stops, a call is missed while it is down, and the message comes after the spool is collected,
 * saying so.
 */
class RealAsteriskMissedCallsTest {
    private static final String SECRET = "a-shared-secret-of-32-characters";
    private static final Duration TOLD_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void missedCallsAreToldOnceWithinThirtySecondsMaskedAndThoseOfAnOutageAfterTheSpoolIsCollected() throws Exception {
        RealAsterisk.assumeInstalled();
        int agiPort = Ports.free();
        try (RealAsterisk asterisk = RealAsterisk.start(dir.resolve("asterisk"), Ports.free(), agiPort, RealAsterisk.MODULES);
             WebhookReceiver hooks = new WebhookReceiver(SECRET)) {
            // two more DIDs beside the lab's own, each routed by the shipped Gosub to a line of its own
            for (String[] did : new String[][] {{"0541234568", "mottagningen"}, {"0541234569", "jouren"}}) {
                asterisk.cli("dialplan add extension " + did[0] + ",1,Gosub(afterhours-route,s,1(" + did[1]
                        + ",Local/failsafe@test-phones,TC:,${EXTEN})) into test-incoming");
                asterisk.cli("dialplan add extension " + did[0] + ",2,Hangup() into test-incoming");
            }
            assertThat(asterisk.cli("dialplan show 0541234569@test-incoming")).contains("afterhours-route");
            AppConfig config = config(asterisk, agiPort);
            Instant epoch = Instant.now();
            long epochNanos = System.nanoTime();

            Afterhours service = Afterhours.serve(config, Clock.systemUTC());
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> service.ami().orElseThrow().health().lastPush() != null);
                RecipientStore recipients = service.recipients();
                for (String line : List.of("trygghetscenter", "mottagningen", "jouren")) {
                    service.database().write("a recipient", c -> recipients.add(c, new Recipient(0, line, "Vaktbolaget",
                            Recipient.Channel.WEBHOOK, hooks.url(), SECRET, Locale.forLanguageTag("sv"),
                            EnumSet.of(Recipient.Event.MISSED), 0, Instant.now(), Recipient.Numbers.MASKED)));
                }
                String token = Passwords.newToken();
                new UserStore(service.database()).addToken("metrics", Role.VIEWER, Passwords.tokenHash(token), Instant.now());

                DefaultManagerConnection caller = new DefaultManagerConnection("127.0.0.1", asterisk.amiPort(),
                        RealAsterisk.TESTER, RealAsterisk.SECRET);
                caller.login();
                try {
                    call(caller, "0541234567", "0701000001", 30);   // office rings out, contractor busy
                    call(caller, "0541234568", "0702000001", 2);    // gives up after 2 s: not missed
                    call(caller, "0541234568", "0702000002", 15);   // gives up after 15 s: missed
                    for (int i = 1; i <= 3; i++) {
                        call(caller, "0541234569", "070300000" + i, 30);   // three at once: one message
                    }
                    await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(200))
                            .until(() -> hooks.received().size() >= 3);
                    Thread.sleep(4000);   // a fourth message, or a second for any line, would come by now
                    assertThat(hooks.received()).hasSize(3).allMatch(WebhookReceiver.Received::signed)
                            .allMatch(r -> r.event().equals("missed"));
                    CallStore calls = new CallStore(service.database());

                    JsonNode first = message(hooks, "trygghetscenter");
                    assertThat(first.get("calls")).hasSize(1);
                    JsonNode rangOut = first.get("calls").get(0);
                    assertThat(rangOut.get("why").asText()).isEqualTo("nobody-reached");
                    assertThat(rangOut.get("tried").toString()).isEqualTo(
                            "[{\"target\":\"office\",\"status\":\"NOANSWER\"},{\"target\":\"contractor\",\"status\":\"BUSY\"}]");
                    assertThat(rangOut.get("callerNumber").asText()).isEqualTo("070100xxxx");
                    assertToldWithin(hooks, epoch, epochNanos, "trygghetscenter",
                            calls.find(rangOut.get("callId").asText()).orElseThrow().endedAt());

                    JsonNode second = message(hooks, "mottagningen");
                    assertThat(second.get("calls")).hasSize(1);
                    JsonNode gaveUp = second.get("calls").get(0);
                    assertThat(gaveUp.get("why").asText()).isEqualTo("caller-gave-up");
                    assertThat(gaveUp.get("callerNumber").asText()).isEqualTo("070200xxxx");
                    CallRecord gaveUpCall = calls.find(gaveUp.get("callId").asText()).orElseThrow();
                    assertThat(gaveUpCall.callerNumber()).isEqualTo("0702000002");
                    assertThat(gaveUpCall.ringSeconds()).isBetween(13.0, 17.0);
                    assertToldWithin(hooks, epoch, epochNanos, "mottagningen", gaveUpCall.endedAt());
                    CallRecord quick = calls.page(new CallFilter("mottagningen", null, null, null, null, null, "0702000001"), null, 1)
                            .calls().get(0);
                    assertThat(quick.ringSeconds()).as("the caller who hung up at once").isLessThan(4.0);
                    assertThat(calls.missed().find("mottagningen", quick.linkedId())).isEmpty();

                    JsonNode third = message(hooks, "jouren");
                    assertThat(third.get("calls")).hasSize(3);
                    assertThat(third.get("calls").findValuesAsText("callerNumber")).containsOnly("070300xxxx");
                    assertThat(third.get("text").asText()).startsWith("Ingen svarade på 3 samtal till Jouren:");

                    for (WebhookReceiver.Received r : hooks.received()) {
                        assertThat(r.body()).as("masked numbers only").doesNotContain("0701000001", "0702000002", "0703000001",
                                "0703000002", "0703000003");
                    }
                    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + config.http().port() + "/metrics")).header("Authorization", "Bearer " + token).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    assertThat(metrics).contains("afterhours_calls_missed_total{line=\"jouren\",mode=\"OPEN\"} 3.0",
                            "afterhours_calls_missed_total{line=\"mottagningen\",mode=\"OPEN\"} 1.0",
                            "afterhours_calls_missed_total{line=\"trygghetscenter\",mode=\"OPEN\"} 1.0",
                            "afterhours_calls_missed_total{line=\"trygghetscenter\",mode=\"FORWARDED\"} 0.0");
                } finally {
                    caller.logoff();
                }
            } finally {
                service.close();
            }

            // the service is down: the dialplan routes natively by the pushed state (the office rings the line's 5 s, then
            // the busy contractor)
            DefaultManagerConnection caller = new DefaultManagerConnection("127.0.0.1", asterisk.amiPort(),
                    RealAsterisk.TESTER, RealAsterisk.SECRET);
            caller.login();
            try {
                call(caller, "0541234567", "0704000001", 40);
                Thread.sleep(1000);
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                        .until(() -> asterisk.cli("core show channels count").contains("0 active channels"));
            } finally {
                caller.logoff();
            }
            assertThat(asterisk.cli("database show afterhours-spool")).contains("|native|overflow|office:NOANSWER/overflow:BUSY|");
            Afterhours back = Afterhours.serve(config, Clock.systemUTC());
            try {
                await().atMost(Duration.ofSeconds(80)).pollInterval(Duration.ofMillis(200))
                        .until(() -> hooks.received().size() == 4);
                JsonNode late = Json.MAPPER.readTree(hooks.received().get(3).body());
                assertThat(late.get("late").asBoolean()).isTrue();
                assertThat(late.get("calls")).hasSize(1);
                assertThat(late.get("calls").get(0).get("callerNumber").asText()).isEqualTo("070400xxxx");
                assertThat(late.get("subject").asText()).endsWith(", upptäckt i efterhand");
                assertThat(late.get("text").asText()).startsWith("Afterhours fick veta om detta samtal först nu, från"
                        + " telefonväxelns egen logg");
                MissedCallEntry collected = new MissedCallStore(back.database()).find("trygghetscenter",
                        late.get("calls").get(0).get("callId").asText()).orElseThrow();
                assertThat(collected.source()).isEqualTo(MissedCallEntry.Source.SPOOL);
                Instant arrived = arrival(hooks.received().get(3), epoch, epochNanos);
                System.out.printf("Missed call while the service was down: collected from the spool at %s, told %d ms later%n",
                        collected.recordedAt(), Duration.between(collected.recordedAt(), arrived).toMillis());
                assertThat(Duration.between(collected.recordedAt(), arrived)).as("told after the spool was collected")
                        .isPositive().isLessThanOrEqualTo(TOLD_WITHIN);
            } finally {
                back.close();
            }
        }
    }

    /** Three always-open lines (ring time 5 s), with the test phones that never answer or are busy. */
    private AppConfig config(RealAsterisk asterisk, int agiPort) {
        StringBuilder yaml = new StringBuilder("pbx:\n  ami: {enabled: false}\nlines:\n");
        for (String[] line : new String[][] {
                {"trygghetscenter", "Trygghetscenter", "0541234567", "silent", "busy"},
                {"mottagningen", "Mottagningen", "0541234568", "busy", "silent"},
                {"jouren", "Jouren", "0541234569", "silent", "busy"}}) {
            yaml.append("  - id: ").append(line[0]).append("\n    name: ").append(line[1]).append("\n    numbers: [\"")
                    .append(line[2]).append("\"]\n    office: Local/").append(line[3]).append("@test-phones\n    contractor: Local/")
                    .append(line[4]).append("@test-phones\n    ringSeconds: 5\n    holidays: {calendar: none}\n    hours:\n");
            for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
                yaml.append("      ").append(day).append(": [\"00:00-24:00\"]\n");
            }
        }
        AppConfig lab = ConfigLoader.load(TestConfigs.write(dir, "missed.yaml", yaml.toString()),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("missed.db").toString()));
        return new AppConfig(lab.database(), new AppConfig.Http("127.0.0.1", Ports.free()),
                new AppConfig.Ami(true, "127.0.0.1", asterisk.amiPort(), "afterhours", RealAsterisk.SECRET, Duration.ofSeconds(2)),
                new AppConfig.FastAgi("127.0.0.1", agiPort, 5, 20), lab.stateGrace(), Duration.ofMinutes(1), lab.watchdogPeriod(),
                lab.lines(), lab.callRetention(), null);
    }

    /** A call to {@code did} from {@code number}; the caller hangs up after {@code seconds} unless answered or ended. */
    private static void call(DefaultManagerConnection caller, String did, String number, int seconds) throws Exception {
        RealAsterisk.call(caller, did, "\"Caller\" <" + number + ">", seconds);
    }

    private static JsonNode message(WebhookReceiver hooks, String line) throws Exception {
        List<JsonNode> of = new ArrayList<>();
        for (WebhookReceiver.Received r : hooks.received()) {
            JsonNode payload = Json.MAPPER.readTree(r.body());
            if (payload.get("line").get("id").asText().equals(line)) {
                of.add(payload);
            }
        }
        assertThat(of).as("messages about " + line).hasSize(1);
        return of.get(0);
    }

    private static void assertToldWithin(WebhookReceiver hooks, Instant epoch, long epochNanos, String line, Instant ended)
            throws Exception {
        Optional<WebhookReceiver.Received> r = Optional.empty();
        for (WebhookReceiver.Received candidate : hooks.received()) {
            if (Json.MAPPER.readTree(candidate.body()).get("line").get("id").asText().equals(line)) {
                r = Optional.of(candidate);
            }
        }
        Duration after = Duration.between(ended, arrival(r.orElseThrow(), epoch, epochNanos));
        System.out.printf("Missed call on %s told %d ms after it ended%n", line, after.toMillis());
        assertThat(after).as(line + ": told within 30 s of the call's end").isPositive().isLessThanOrEqualTo(TOLD_WITHIN);
    }

    /** When the receiver got it, on the wall clock. */
    private static Instant arrival(WebhookReceiver.Received r, Instant epoch, long epochNanos) {
        return epoch.plusNanos(r.nanos() - epochNanos);
    }
}
