package afterhours.app;

import afterhours.concurrent.BackgroundThreads;
import afterhours.notify.Notice;
import afterhours.notify.Outbox;
import afterhours.notify.Recipient;
import afterhours.notify.RecipientStore;
import afterhours.routing.LiveLines;
import afterhours.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the recipients that asked for it when the link to the PBX (AMI) has been down for their number of
 * minutes: once per outage and recipient, checked every {@link #PERIOD}.
 */
final class PbxDownWatch implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PbxDownWatch.class);
    static final Duration PERIOD = Duration.ofSeconds(30);

    /** Since when the link has been down, or null while it is up. */
    private final Supplier<Instant> downSince;
    private final RecipientStore recipients;
    private final Outbox outbox;
    private final Database db;
    private final LiveLines lines;
    private final Clock clock;
    /** Recipient id -> the outage it was told of. */
    private final Map<Long, Instant> told = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = BackgroundThreads.single("pbx-down-watch");

    PbxDownWatch(Supplier<Instant> downSince, RecipientStore recipients, Outbox outbox, Database db, LiveLines lines,
                 Clock clock) {
        this.downSince = downSince;
        this.recipients = recipients;
        this.outbox = outbox;
        this.db = db;
        this.lines = lines;
        this.clock = clock;
    }

    PbxDownWatch start() {
        executor.scheduleWithFixedDelay(this, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void run() {
        try {
            Instant since = downSince.get();
            if (since == null) {
                told.clear();
                return;
            }
            Instant now = clock.instant();
            int written = 0;
            for (Recipient r : recipients.watchingThePbx()) {
                boolean due = Duration.between(since, now).toMinutes() >= r.downMinutes() && !since.equals(told.get(r.id()));
                var live = lines.line(r.lineId());
                if (due && live.isPresent()) {
                    db.write("telling recipient " + r.id() + " the PBX link is down",
                            c -> outbox.enqueueFor(c, r, Notice.pbxDown(live.get().setup(), now, since)));
                    told.put(r.id(), since);
                    written++;
                }
            }
            if (written > 0) {
                outbox.enqueued();
            }
        } catch (RuntimeException e) {
            log.warn("Notifications: checking the PBX link failed, next check in {} s: {}", PERIOD.toSeconds(), e.toString());
        }
    }

    @Override
    public void close() {
        BackgroundThreads.stop(executor);
    }
}
