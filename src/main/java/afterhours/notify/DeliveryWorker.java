package afterhours.notify;

import afterhours.concurrent.BackgroundThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox on a thread of its own, so a slow or dead receiver never delays a switch, a push to
 * the PBX or a call: every {@link #PERIOD} and at once after a change, it claims the due messages (a claim
 * lasts {@link #HOLD}; a crashed instance's claims run out), sends each, and records it as sent, to be
 * retried by the {@link RetryPolicy}, or failed. Two instances on one database never send one message twice
 * while both run; a crash between sending and recording can repeat it once, which the delivery id shows.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    public static final Duration PERIOD = Duration.ofSeconds(1);
    /** Longer than a send can take (10 s timeouts, 20 messages a round), so a claim never runs out mid-send. */
    public static final Duration HOLD = Duration.ofMinutes(5);
    private static final int BATCH = 20;

    private final Outbox outbox;
    private final RecipientStore recipients;
    private final Map<Recipient.Channel, Sender> senders;
    private final RetryPolicy retry;
    private final Clock clock;
    private final String instance;
    private final ScheduledExecutorService executor = BackgroundThreads.single("notify");
    private final AtomicBoolean woken = new AtomicBoolean();

    /** @param senders one per channel; a channel without one (no SMTP configured) fails its messages with why */
    public DeliveryWorker(Outbox outbox, RecipientStore recipients, Map<Recipient.Channel, Sender> senders,
                          RetryPolicy retry, Clock clock, String instance) {
        this.outbox = outbox;
        this.recipients = recipients;
        this.senders = senders;
        this.retry = retry;
        this.clock = clock;
        this.instance = instance;
    }

    public void start() {
        outbox.onEnqueued(this::wake);
        executor.scheduleWithFixedDelay(this::round, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::forgetOld, 1, 24 * 60, TimeUnit.MINUTES);
    }

    /** The delivery log keeps {@link Outbox#KEEP}; older sent and failed messages go, once a day. */
    private void forgetOld() {
        try {
            int gone = outbox.forgetOld(clock.instant());
            if (gone > 0) {
                log.info("Notifications: {} message(s) older than {} removed from the delivery log", gone, Outbox.KEEP);
            }
        } catch (RuntimeException e) {
            log.warn("Notifications: cleaning the delivery log failed, next try tomorrow: {}", e.toString());
        }
    }

    /** Delivers what is due now instead of at the next period. */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    woken.set(false);
                    round();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                woken.set(false);
            }
        }
    }

    /** One round: every due message this instance can claim, each sent once. */
    void round() {
        try {
            for (Outbox.Delivery d : outbox.claim(instance, clock.instant(), HOLD, BATCH)) {
                deliver(d);
            }
        } catch (RuntimeException e) {
            log.warn("Notifications: a delivery round failed, next round in {} s: {}", PERIOD.toSeconds(), e.toString());
        }
    }

    private void deliver(Outbox.Delivery d) {
        Optional<Recipient> recipient = recipients.find(d.recipientId());
        String problem;
        boolean hopeless = recipient.isEmpty();
        if (recipient.isEmpty()) {
            problem = "the recipient was removed";
        } else {
            Sender sender = senders.get(recipient.get().channel());
            if (sender == null) {
                problem = "no " + recipient.get().channel().key() + " server is configured (notifications.smtp)";
            } else {
                try {
                    sender.send(recipient.get(), d);
                    outbox.sent(d.id(), instance, clock.instant());
                    log.info("Notifications: {} sent to recipient {} ({}) of line {}", d.event(), d.recipientId(),
                            recipient.get().name(), d.lineId());
                    return;
                } catch (Undeliverable e) {
                    problem = e.getMessage();
                    hopeless = true;
                } catch (Exception e) {
                    problem = problem(e);
                }
            }
        }
        int attempt = d.attempts() + 1;
        Instant next = attempt >= retry.attempts() || hopeless ? null : clock.instant().plus(retry.delayAfter(attempt));
        outbox.failed(d.id(), instance, problem, next);
        log.warn("Notifications: {} to recipient {} of line {} failed (try {} of {}): {}; {}", d.event(), d.recipientId(),
                d.lineId(), attempt, retry.attempts(), problem, next == null ? "given up" : "next try " + next);
    }

    /**
     * What went wrong, with the first cause when it says more ("Could not convert socket to TLS" alone does not
     * tell an untrusted certificate from one naming another host).
     */
    static String problem(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null || message.contains(root.getMessage()) ? message
                : message + " (" + root.getMessage() + ")";
    }

    @Override
    public void close() {
        BackgroundThreads.stop(executor);
        try {
            outbox.release(instance);
        } catch (RuntimeException e) {
            log.warn("Notifications: could not give back this instance's claims; they run out in {} min: {}", HOLD.toMinutes(),
                    e.toString());
        }
    }
}
