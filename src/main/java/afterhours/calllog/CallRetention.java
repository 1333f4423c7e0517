package afterhours.calllog;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The nightly purge: calls older than the retention period are deleted (caller numbers are personal data). */
public final class CallRetention implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CallRetention.class);

    private final CallStore store;
    private final Period retention;
    private final Clock clock;

    public CallRetention(CallStore store, Period retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void run() {
        purge();
    }

    /** Deletes what is older than the retention period now; returns how many calls went. */
    public int purge() {
        Instant cutoff = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minus(retention).toInstant();
        int purged = store.purgeBefore(cutoff);
        log.info("Call log: {} call(s) older than {} deleted (retention {})", purged, cutoff, retention);
        return purged;
    }
}
