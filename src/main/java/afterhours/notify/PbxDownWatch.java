package afterhours.notify;

import afterhours.concurrent.BackgroundThreads;
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
public final class PbxDownWatch implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PbxDownWatch.class);
    static final Duration PERIOD = Duration.ofSeconds(30);

    /** Since when the link has been down, or null while it is up. */
    private final Supplier<Instant> downSince;
    private final OutageNotices notices;
    private final Clock clock;
    /** Recipient id -> the outage it was told of. */
    private final Map<Long, Instant> told = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = BackgroundThreads.single("pbx-down-watch");

    public PbxDownWatch(Supplier<Instant> downSince, OutageNotices notices, Clock clock) {
        this.downSince = downSince;
        this.notices = notices;
        this.clock = clock;
    }

    public PbxDownWatch start() {
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
            notices.tell(Notice.Kind.PBX_DOWN, since, clock.instant(), r -> !since.equals(told.get(r.id())),
                    r -> told.put(r.id(), since));
        } catch (RuntimeException e) {
            log.warn("Notifications: checking the PBX link failed, next check in {} s: {}", PERIOD.toSeconds(), e.toString());
        }
    }

    @Override
    public void close() {
        BackgroundThreads.stop(executor);
    }
}
