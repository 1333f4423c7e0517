package afterhours.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallStore;
import afterhours.calllog.MissedCallScenario;
import afterhours.calllog.MissedCallStore;
import afterhours.notify.DeliveryWorker;
import afterhours.notify.MissedCallNotices;
import afterhours.notify.Notice;
import afterhours.notify.Outbox;
import afterhours.notify.OutageNotices;
import afterhours.notify.Recipient;
import afterhours.notify.RecipientStore;
import afterhours.notify.RetryPolicy;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.schedule.Mode;
import afterhours.store.Database;
import afterhours.store.InstanceLocks;
import afterhours.support.StallingReceiver;
import afterhours.support.TestConfigs;
import afterhours.support.WebhookReceiver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
                        Locale.forLanguageTag("sv"), EnumSet.of(Recipient.Event.UNSCHEDULED, Recipient.Event.SWITCHES), 0,
                        Instant.now(), Recipient.Numbers.MASKED)));
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

    /**
     * Two live instances and a receiver that stalls inside its answer: its message is sent once (a claim of a
     * live instance is never taken), the other recipient's messages arrive meanwhile, once each and in order. Then
     * claims of killed instances: one that died before the next start is taken back by that start at once; one
     * whose instance still runs is left alone until its process dies (its database session ends), then taken
     * back within {@link DeliveryWorker#TAKE_BACK}.
     */
    @Test
    void aStallingReceiverIsSentToOnceAndOnlyAKilledInstancesClaimsAreTakenBack() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase("notifyclaims"); WebhookReceiver receiver = new WebhookReceiver(SECRET);
             StallingReceiver stalling = new StallingReceiver(StallingReceiver.Way.HEADERS_THEN_STALL)) {
            AppConfig config = onDatabase(scratch);
            RetryPolicy hourly = new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1), 3);
            Recipient stalls;
            Recipient good;
            Recipient other;
            List<String> inOrder = new ArrayList<>();
            try (Afterhours a = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC());
                 Afterhours b = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC())) {
                a.start();
                b.start();
                stalls = webhook(a, "Stalls", stalling.url());
                good = webhook(a, "Vaktbolaget", receiver.url());
                other = webhook(a, "Jour", receiver.url());
                var setup = a.switchboard().line("trygghetscenter").orElseThrow().setup();
                a.database().write("a test message", c -> a.outbox().enqueueFor(c, stalls, Notice.test(setup, Instant.now(), "anna")));
                for (int i = 0; i < 5; i++) {
                    inOrder.add(a.database().write("a test message",
                            c -> a.outbox().enqueueFor(c, good, Notice.test(setup, Instant.now(), "anna"))));
                }
                a.startNotifications(hourly);
                b.startNotifications(hourly);
                await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 5);
                assertThat(receiver.received().stream().map(WebhookReceiver.Received::deliveryId).toList())
                        .as("once each, in the order written, whichever instance sent them").isEqualTo(inOrder);
                await().atMost(Duration.ofSeconds(15)).until(() -> stalling.closed().size() == 1);
                Thread.sleep(1500);
                assertThat(stalling.requests()).as("the stalling receiver's message, sent by one instance only").isEqualTo(1);
            }

            // a process killed before this start, and one that still runs (holding its lock on a session of its own)
            Database stillRunning = Database.openUrl(scratch.url);
            InstanceLocks running = InstanceLocks.of(stillRunning);
            running.hold("afterhours-still-running");
            Database db = Database.openUrl(scratch.url);
            try {
                String killed = claimed(db, good, "afterhours-killed");
                String held = claimed(db, other, "afterhours-still-running");
                try (Afterhours c = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC())) {
                    c.start();
                    long started = System.nanoTime();
                    c.startNotifications(hourly);
                    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 6);
                    long atStart = (System.nanoTime() - started) / 1_000_000;
                    assertThat(receiver.received().get(5).deliveryId()).isEqualTo(killed);
                    Thread.sleep(2000);
                    assertThat(receiver.received()).as("a running instance's claim is left to it").hasSize(6);
                    stillRunning.close();   // its process dies: the server ends its session and the lock with it
                    long died = System.nanoTime();
                    await().atMost(DeliveryWorker.TAKE_BACK.plusSeconds(3)).until(() -> receiver.received().size() == 7);
                    System.out.printf("Two instances: a killed instance's claim was sent %d ms after the next start; a"
                            + " running one's was left to it, and sent %d ms after its session ended%n", atStart,
                            (System.nanoTime() - died) / 1_000_000);
                    assertThat(receiver.received().get(6).deliveryId()).isEqualTo(held);
                    Thread.sleep(1000);
                    assertThat(receiver.received()).hasSize(7);
                }
            } finally {
                db.close();
                stillRunning.close();
            }
        }
    }

    private static Recipient webhook(Afterhours a, String name, String url) {
        return a.database().write("adding a recipient", c -> a.recipients().add(c, new Recipient(0, "trygghetscenter", name,
                Recipient.Channel.WEBHOOK, url, SECRET, Locale.forLanguageTag("sv"), EnumSet.of(Recipient.Event.UNSCHEDULED), 0,
                Instant.now(), Recipient.Numbers.MASKED)));
    }

    /** A waiting message to {@code r} as a process that claimed it left it: claimed by {@code instance} for five minutes. */
    private static String claimed(Database db, Recipient r, String instance) {
        String deliveryId = "left-by-" + instance;
        long now = System.currentTimeMillis();
        db.write("a claim left behind", c -> {
            try (var ps = c.prepareStatement("INSERT INTO notify_outbox (delivery_id, recipient_id, line_id, event, subject, body,"
                    + " payload, created_at, status, attempts, next_attempt_at, claimed_by, claimed_until)"
                    + " VALUES (?, ?, 'trygghetscenter', 'test', 's', 'b', '{}', ?, 'pending', 0, ?, ?, ?)")) {
                ps.setString(1, deliveryId);
                ps.setLong(2, r.id());
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.setString(5, instance);
                ps.setLong(6, now + DeliveryWorker.HOLD.toMillis());
                return ps.executeUpdate();
            }
        });
        return deliveryId;
    }

    @Test
    void aPbxOutageBothInstancesSeeAtTheSameMomentIsToldOncePerRecipient() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase("outage"); WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            AppConfig config = onDatabase(scratch);
            try (Afterhours a = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC());
                 Afterhours b = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC())) {
                a.start();
                b.start();
                int watching = 20;
                addRecipients(a, receiver, watching, EnumSet.of(Recipient.Event.UNSCHEDULED), 5);
                Instant now = Instant.now();
                Instant since = now.minus(Duration.ofMinutes(12));
                // each instance lost its own link, 40 ms apart, and checks at the same moment
                int told = atTheSameMoment(a, b, instance -> new OutageNotices(instance.database(),
                        new RecipientStore(instance.database()), instance.outbox(), instance.lines())
                        .tell(Notice.Kind.PBX_DOWN, instance == a ? since : since.plusMillis(40), now, r -> true, r -> { }));
                assertThat(told).as("messages written by the two instances together").isEqualTo(watching);
                List<Outbox.Delivery> written = a.outbox().recent("trygghetscenter", 100).stream()
                        .filter(d -> d.event().equals("pbx-down")).toList();
                assertThat(written).hasSize(watching);
                assertThat(written.stream().map(Outbox.Delivery::recipientId).distinct()).hasSize(watching);
            }
        }
    }

    @Test
    void missedCallsBothInstancesStoredAreToldOnceWhenBothLookAtTheSameMoment() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase("missed"); WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            AppConfig config = onDatabase(scratch);
            try (Afterhours a = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC());
                 Afterhours b = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC())) {
                a.start();
                b.start();
                int watching = 10;
                addRecipients(a, receiver, watching, EnumSet.of(Recipient.Event.MISSED), 0);
                // both instances watch the same Asterisk: each stores the same five missed calls
                Instant start = Instant.now().minus(Duration.ofMinutes(2));
                List<CallRecord> missed = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    missed.add(MissedCallScenario.call("x." + i, "trygghetscenter", "070500000" + i, start.plusSeconds(i),
                            "office:NOANSWER/contractor:BUSY", 25, Mode.OPEN));
                }
                new CallStore(a.database()).write(missed);
                new CallStore(b.database()).write(missed);
                Instant due = Instant.now().plus(MissedCallNotices.HOLD);
                int told = atTheSameMoment(a, b, instance -> new MissedCallNotices(instance.database(),
                        new MissedCallStore(instance.database()), instance.outbox(), instance.lines(), Clock.systemUTC())
                        .tellDue(due));
                assertThat(told).as("messages written by the two instances together").isEqualTo(watching);
                List<Outbox.Delivery> messages = a.outbox().recent("trygghetscenter", 100).stream()
                        .filter(d -> d.event().equals("missed")).toList();
                assertThat(messages).hasSize(watching);
                assertThat(messages.stream().map(Outbox.Delivery::recipientId).distinct()).hasSize(watching);
                assertThat(messages).allSatisfy(d -> assertThat(d.body()).startsWith("Ingen svarade på 5 samtal"));
            }
        }
    }

    /** {@code count} webhook recipients of the sample line, all at {@code receiver}. */
    private static void addRecipients(Afterhours a, WebhookReceiver receiver, int count, Set<Recipient.Event> events,
                                      int downMinutes) {
        RecipientStore recipients = a.recipients();
        for (int i = 0; i < count; i++) {
            String name = "Vakt " + i;
            a.database().write("adding a recipient", c -> recipients.add(c, new Recipient(0, "trygghetscenter", name,
                    Recipient.Channel.WEBHOOK, receiver.url(), SECRET, Locale.forLanguageTag("sv"), events, downMinutes,
                    Instant.now(), Recipient.Numbers.MASKED)));
        }
    }

    /** What one instance does, returning how many messages it wrote. */
    private interface Telling {
        int tell(Afterhours instance) throws Exception;
    }

    /** Both instances do {@code work} at the same moment, each on its own thread; returns their messages together. */
    private static int atTheSameMoment(Afterhours a, Afterhours b, Telling work) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            var told = List.of(a, b).stream().map(instance -> both.submit(() -> {
                together.await();
                return work.tell(instance);
            })).toList();
            int total = 0;
            for (var f : told) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            both.shutdownNow();
        }
    }

    /** The sample configuration on the scratch PostgreSQL database. */
    private AppConfig onDatabase(ScratchDatabase scratch) {
        AppConfig s = TestConfigs.sample(dir);
        return new AppConfig(s.database(), s.http(), s.ami(), s.fastAgi(), s.stateGrace(), s.verifyPeriod(),
                s.watchdogPeriod(), s.lines(), s.callRetention(), scratch.url);
    }
}
