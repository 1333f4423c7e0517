package afterhours.calllog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly retention (caller numbers are personal data): calls older than the retention period are deleted;
 * the caller numbers and names of calls older than {@code numbersKeptDays} are masked in place, the rest of each
 * row staying for the statistics; the erased numbers' list forgets entries older than the retention period (no
 * call of theirs can arrive any more).
 */
public final class CallRetention implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CallRetention.class);

    private final CallStore store;
    private final Period retention;
    private final Duration numbersKept;
    private final ErasedNumbers erased;
    private final Clock clock;
    private final IntConsumer masked;

    /** Only the purge: numbers are kept as long as their calls. */
    public CallRetention(CallStore store, Period retention, Clock clock) {
        this(store, retention, null, null, clock, n -> { });
    }

    /**
     * @param numbersKept how long numbers stay in full; null: as long as the calls
     * @param erased the erased numbers' list, purged with the calls; null: none kept
     * @param masked told how many calls had their numbers masked (the metrics)
     */
    public CallRetention(CallStore store, Period retention, Duration numbersKept, ErasedNumbers erased, Clock clock,
                         IntConsumer masked) {
        this.store = store;
        this.retention = retention;
        this.numbersKept = numbersKept;
        this.erased = erased;
        this.clock = clock;
        this.masked = masked;
    }

    @Override
    public void run() {
        purge();
        mask();
    }

    /** Deletes what is older than the retention period now; returns how many calls went. */
    public int purge() {
        Instant cutoff = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minus(retention).toInstant();
        int purged = store.purgeBefore(cutoff);
        log.info("Call log: {} call(s) older than {} deleted (retention {})", purged, cutoff, retention);
        if (erased != null) {
            int forgotten = erased.purgeBefore(store.database(), cutoff);
            if (forgotten > 0) {
                log.info("Call log: {} erased number(s) older than {} forgotten (no call of theirs can arrive any more)",
                        forgotten, cutoff);
            }
        }
        return purged;
    }

    /** Masks the numbers of the calls older than {@code numbersKept} now; returns how many calls changed. */
    public int mask() {
        if (numbersKept == null) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(numbersKept);
        int n = store.maskNumbersBefore(cutoff);
        masked.accept(n);
        log.info("Call log: caller numbers and names of {} call(s) older than {} masked (numbersKeptDays {})", n, cutoff,
                numbersKept.toDays());
        return n;
    }
}
