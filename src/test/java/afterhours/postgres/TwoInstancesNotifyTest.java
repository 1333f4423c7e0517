package afterhours.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.notify.Notice;
import afterhours.notify.Outbox;
import afterhours.notify.OutageNotices;
import afterhours.notify.Recipient;
import afterhours.notify.RecipientStore;
import afterhours.notify.RetryPolicy;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.TestConfigs;
import afterhours.support.WebhookReceiver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL deliver the same outbox at once: every message reaches the receiver
 * exactly once, whichever instance claims it.
 */
class TwoInstancesNotifyTest {
    private static final String SECRET = "a-shared-secret-of-32-characters";
    private static final int MESSAGES = 60;

    @TempDir
    Path dir;

    @Test
    void twoInstancesSendEachMessageOnce() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase("notify"); WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            AppConfig config = onDatabase(scratch);
            RetryPolicy quick = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(400), 5);
            try (Afterhours a = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC());
                 Afterhours b = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC())) {
                a.start();
                b.start();
                RecipientStore recipients = a.recipients();
                Recipient r = a.database().write("adding a recipient", c -> recipients.add(c, new Recipient(0,
                        "trygghetscenter", "Vaktbolaget", Recipient.Channel.WEBHOOK, receiver.url(), SECRET,
                        Locale.forLanguageTag("sv"), Recipient.Audience.ALL, 0, Instant.now())));
                var setup = a.switchboard().line("trygghetscenter").orElseThrow().setup();
                Set<String> enqueued = new HashSet<>();
                for (int i = 0; i < MESSAGES; i++) {
                    enqueued.add(a.database().write("a test message",
                            c -> a.outbox().enqueueFor(c, r, Notice.test(setup, Instant.now(), "anna"))));
                }
                a.startNotifications(quick);
                b.startNotifications(quick);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= MESSAGES);
                Thread.sleep(1500);   // a second delivery of any message would arrive by now
                List<String> ids = receiver.received().stream().map(WebhookReceiver.Received::deliveryId).toList();
                assertThat(ids).hasSize(MESSAGES);
                assertThat(new HashSet<>(ids)).isEqualTo(enqueued);
                assertThat(receiver.received()).allMatch(WebhookReceiver.Received::signed);
            }
        }
    }

    @Test
    void aPbxOutageBothInstancesSeeAtTheSameMomentIsToldOncePerRecipient() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase("outage"); WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            AppConfig config = onDatabase(scratch);
            try (Afterhours a = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC());
                 Afterhours b = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC())) {
                a.start();
                b.start();
                RecipientStore recipients = a.recipients();
                int watching = 20;
                for (int i = 0; i < watching; i++) {
                    String name = "Vakt " + i;
                    a.database().write("adding a recipient", c -> recipients.add(c, new Recipient(0, "trygghetscenter", name,
                            Recipient.Channel.WEBHOOK, receiver.url(), SECRET, Locale.forLanguageTag("sv"),
                            Recipient.Audience.UNSCHEDULED, 5, Instant.now())));
                }
                Instant now = Instant.now();
                Instant since = now.minus(Duration.ofMinutes(12));
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
                try {
                    // each instance lost its own link, 40 ms apart, and checks at the same moment
                    var told = List.of(a, b).stream().map(instance -> both.submit(() -> {
                        OutageNotices notices = new OutageNotices(instance.database(), new RecipientStore(instance.database()),
                                instance.outbox(), instance.lines());
                        together.await();
                        return notices.tell(Notice.Kind.PBX_DOWN, instance == a ? since : since.plusMillis(40), now,
                                r -> true, r -> { });
                    })).toList();
                    int total = 0;
                    for (var f : told) {
                        total += f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                    }
                    assertThat(total).as("messages written by the two instances together").isEqualTo(watching);
                } finally {
                    both.shutdownNow();
                }
                List<Outbox.Delivery> written = a.outbox().recent("trygghetscenter", 100).stream()
                        .filter(d -> d.event().equals("pbx-down")).toList();
                assertThat(written).hasSize(watching);
                assertThat(written.stream().map(Outbox.Delivery::recipientId).distinct()).hasSize(watching);
            }
        }
    }

    /** The sample configuration on the scratch PostgreSQL database. */
    private AppConfig onDatabase(ScratchDatabase scratch) {
        AppConfig s = TestConfigs.sample(dir);
        return new AppConfig(s.database(), s.http(), s.ami(), s.fastAgi(), s.stateGrace(), s.verifyPeriod(),
                s.watchdogPeriod(), s.lines(), s.callRetention(), scratch.url);
    }
}
