package afterhours.pbx.ami;

import afterhours.calllog.CallEventSink;
import afterhours.concurrent.BackgroundThreads;
import afterhours.calllog.SpoolRecord;
import afterhours.routing.PbxContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the calls the dialplan recorded itself in AstDB ({@code afterhours-spool/UNIQUEID}, written
 * when each routed call hangs up): at every AMI (re)connect and every {@link #PERIOD} while connected.
 * Each record goes to the call log, which commits it (one row per call, merged with what it saw live);
 * only then is its key deleted, so a crash between the two leaves the key and the next round writes
 * the same row again. A record younger than {@link #SETTLE} is left for a round later, giving the live
 * view time to write its richer row first. Runs on a thread of its own: the database never delays AMI work.
 */
final class SpoolCollector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpoolCollector.class);
    static final Duration PERIOD = Duration.ofSeconds(10);
    static final Duration SETTLE = Duration.ofSeconds(10);

    /** What the collector needs of the AMI connection. */
    interface Pbx {
        boolean connected();

        /** The keys (without the family) and values under an AstDB family. */
        Map<String, String> tree(String family) throws AmiPbxGateway.ActionFailed;

        void delete(String family, String key) throws AmiPbxGateway.ActionFailed;
    }

    private final Pbx pbx;
    private final CallEventSink calls;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor thread;
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    SpoolCollector(Pbx pbx, CallEventSink calls, Clock clock) {
        this.pbx = pbx;
        this.calls = calls;
        this.clock = clock;
        this.thread = BackgroundThreads.single("ami-spool");
    }

    void start() {
        thread.scheduleWithFixedDelay(this::collectQuietly, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A round now (after a login: the calls of the time the service could not see). */
    void collectSoon() {
        if (!thread.isShutdown()) {
            thread.execute(this::collectQuietly);
        }
    }

    private void collectQuietly() {
        try {
            collect();
        } catch (AmiPbxGateway.ActionFailed | RuntimeException e) {
            log.warn("Call spool: collecting failed, the records stay in the PBX for the next round: {}", e.getMessage());
        }
    }

    /** One round; returns how many records were stored and deleted from the PBX. */
    int collect() throws AmiPbxGateway.ActionFailed {
        if (!pbx.connected()) {
            return 0;
        }
        Instant settled = clock.instant().minus(SETTLE);
        List<SpoolRecord> ready = new ArrayList<>();
        for (Map.Entry<String, String> e : pbx.tree(PbxContract.SPOOL_FAMILY).entrySet()) {
            Optional<SpoolRecord> record = SpoolRecord.parse(e.getKey(), e.getValue());
            if (record.isEmpty()) {
                if (unreadable.add(e.getKey())) {
                    // the value holds caller data: name the key only
                    log.warn("Call spool: the record {}/{} is not one this build reads (format {}); left in the PBX",
                            PbxContract.SPOOL_FAMILY, e.getKey(), e.getValue().split("\\|", 2)[0]);
                }
            } else if (!record.get().endedAt().isAfter(settled)) {
                ready.add(record.get());
            }
        }
        if (ready.isEmpty()) {
            return 0;
        }
        calls.storeSpooled(ready);
        for (SpoolRecord r : ready) {
            pbx.delete(PbxContract.SPOOL_FAMILY, r.key());
        }
        log.debug("Call spool: {} record(s) stored and removed from the PBX", ready.size());
        return ready.size();
    }

    @Override
    public void close() {
        BackgroundThreads.stop(thread);
    }
}
