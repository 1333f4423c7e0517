package afterhours.notify;

import afterhours.concurrent.BackgroundThreads;
import afterhours.store.InstanceLocks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox away from the switching, so a slow or dead receiver never delays a switch, a push to
 * the PBX or a call, and in a lane per recipient, so it never delays another recipient either: every
 * {@link #PERIOD} and at once after a change or a finished send, a dispatcher claims the oldest due message of
 * each recipient with nothing in flight (up to the free lanes of {@link #LANES}) and hands each to a lane, which
 * sends it and records it as sent, to be retried by the {@link RetryPolicy}, or failed. A recipient's messages
 * go one at a time in the order they were written; a stalling receiver costs its own lane at most the sender's
 * deadline per try. Two instances on one database never send one message twice while both run; a crash
 * between sending and recording can repeat it once, which the delivery id shows. The claims of an instance
 * that was killed are taken back at the next start, and by a running instance within {@link #TAKE_BACK}: its
 * {@link InstanceLocks} lock went with its process.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    public static final Duration PERIOD = Duration.ofSeconds(1);
    /** How many recipients' messages are sent at once, by this instance. */
    public static final int LANES = 8;
    /**
     * A claim's life: far longer than one send can take (a message at a time, a 10 s deadline), so it never runs
     * out mid-send; it is the last resort only, a dead instance's claims are taken back sooner.
     */
    public static final Duration HOLD = Duration.ofMinutes(5);
    /** How often a running instance looks for claims left by one that was killed. */
    public static final Duration TAKE_BACK = Duration.ofSeconds(10);
    /** How long a stop waits for the lanes' sends before cutting them off. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final Outbox outbox;
    private final RecipientStore recipients;
    private final Map<Recipient.Channel, Sender> senders;
    private final RetryPolicy retry;
    private final Clock clock;
    private final String instance;
    private final InstanceLocks locks;
    private long lastTakeBack;
    private boolean tookBack;
    private final ScheduledExecutorService dispatcher = BackgroundThreads.single("notify");
    private final ExecutorService lanes = BackgroundThreads.pool("notify-lane", LANES);
    private final AtomicInteger busy = new AtomicInteger();
    /** Messages a lane is sending now: a stop does not give them back while they may still arrive. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean woken = new AtomicBoolean();

    /** @param senders one per channel; a channel without one (no SMTP configured) fails its messages with why */
    public DeliveryWorker(Outbox outbox, RecipientStore recipients, Map<Recipient.Channel, Sender> senders,
                          RetryPolicy retry, Clock clock, String instance, InstanceLocks locks) {
        this.outbox = outbox;
        this.recipients = recipients;
        this.senders = senders;
        this.retry = retry;
        this.clock = clock;
        this.instance = instance;
        this.locks = locks;
    }

    /** Marks this instance as running (before its first claim), then delivers. */
    public void start() {
        locks.hold(instance);
        outbox.onEnqueued(this::wake);
        dispatcher.scheduleWithFixedDelay(this::round, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        dispatcher.scheduleWithFixedDelay(this::forgetOld, 1, 24 * 60, TimeUnit.MINUTES);
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
                dispatcher.execute(() -> {
                    woken.set(false);
                    round();
                });
            } catch (RejectedExecutionException stopped) {
                woken.set(false);
            }
        }
    }

    /** One round, on the dispatcher's thread: a due message for each free lane, each recipient's oldest first. */
    void round() {
        try {
            if (!tookBack || System.nanoTime() - lastTakeBack >= TAKE_BACK.toNanos()) {
                takeBackFromStopped();
            }
            int free = LANES - busy.get();
            for (Outbox.Delivery d : outbox.claim(instance, clock.instant(), HOLD, free)) {
                busy.incrementAndGet();
                inFlight.add(d.id());
                try {
                    lanes.execute(() -> lane(d));
                } catch (RejectedExecutionException stopping) {
                    busy.decrementAndGet();
                    inFlight.remove(d.id());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Notifications: a delivery round failed, next round in {} s: {}", PERIOD.toSeconds(), e.toString());
        }
    }

    /** Takes back the claims of instances that no longer run (killed), so their messages go now, not in {@link #HOLD}. */
    private void takeBackFromStopped() {
        lastTakeBack = System.nanoTime();
        tookBack = true;
        if (!locks.keep()) {
            log.warn("Notifications: this instance had lost the lock that shows it runs (the database restarted?); it takes it again now or at the next round");
        }
        for (String other : outbox.claimants(instance)) {
            if (!locks.running(other)) {
                int taken = outbox.takeBack(other);
                if (taken > 0) {
                    log.info("Notifications: took back {} message(s) claimed by {}, which no longer runs", taken, other);
                }
            }
        }
    }

    private void lane(Outbox.Delivery d) {
        try {
            deliver(d);
        } catch (InterruptedException stopping) {
            // the service stops: the message stays claimed until the stop gives it back
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Notifications: recording delivery {} failed; its claim runs out in {} min: {}", d.deliveryId(),
                    HOLD.toMinutes(), e.toString());
        } finally {
            inFlight.remove(d.id());
            busy.decrementAndGet();
            wake();
        }
    }

    private void deliver(Outbox.Delivery d) throws InterruptedException {
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
                } catch (InterruptedException e) {
                    throw e;
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
        BackgroundThreads.stop(dispatcher);
        // a send still waiting for its receiver after the usual stop wait is cut off (its deadline may be seconds away)
        lanes.shutdown();
        try {
            if (!lanes.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                lanes.shutdownNow();
                lanes.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            outbox.release(instance, inFlight);
        } catch (RuntimeException e) {
            log.warn("Notifications: could not give back this instance's claims; they are taken back at the next start: {}",
                    e.toString());
        }
        locks.close();
    }
}
