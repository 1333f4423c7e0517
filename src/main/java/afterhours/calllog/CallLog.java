package afterhours.calllog;

import afterhours.concurrent.BackgroundThreads;
import afterhours.store.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call log's entry point: takes the PBX's call events (from the event pump's thread) and FastAGI
 * routing decisions (from the call threads), assembles one record per call and hands records to the batching
 * writer. A record is stored when the call is recognised (so a crash leaves a trace) and again when it
 * ends. On start, calls a previous run left open are closed as "end unknown".
 */
public final class CallLog implements CallEventSink, RoutingDecisionSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallLog.class);
    /** A call silent this long has lost its hang-up (an AMI gap): it is closed as "end unknown". */
    static final Duration IDLE_CALL = Duration.ofHours(6);

    private final CallStore store;
    private final CallWriter writer;
    private final CallAssembler assembler;
    private final Clock clock;
    private long events;
    private final Consumer<CallRecord> onCompleted;
    /** The gap recorded open while AMI is down; null while connected. */
    private Long openGap;
    private final LineDirectory lines;
    private final AtomicLong spooled = new AtomicLong();
    /**
     * Decisions from the call threads, applied by the next holder of the log's lock: a call thread never
     * waits for the event thread, since Asterisk goes on with the dialplan only when the FastAGI script returns.
     */
    private final ConcurrentLinkedQueue<RoutingDecision> decisions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ExecutorService backfill = BackgroundThreads.single("missed-backfill");
    private volatile boolean closing;
    /** Past this many waiting decisions (no events come: AMI is down) the call thread applies them itself. */
    static final int MAX_QUEUED_DECISIONS = 1_000;

    public CallLog(CallStore store, LineDirectory lines, Clock clock) {
        this(store, lines, clock, call -> { });
    }

    /** @param onCompleted told of every finished call (metrics); must not block */
    public CallLog(CallStore store, LineDirectory lines, Clock clock, Consumer<CallRecord> onCompleted) {
        this.store = store;
        this.onCompleted = onCompleted;
        this.lines = lines;
        this.clock = clock;
        // alone on SQLite, every open call is a crash's leftover; on a shared PostgreSQL another instance may
        // still be following the recent ones, and it completes them
        Instant before = store.database().dialect() == Dialect.SQLITE
                ? clock.instant().plusSeconds(1) : clock.instant().minus(IDLE_CALL);
        int closed = store.closeOpenCalls(before);
        if (store.database().dialect() == afterhours.store.Dialect.SQLITE) {
            // alone on the file: a gap left open was this service's, and it lasted until now
            store.closeOpenGaps(clock.instant());
        }
        if (closed > 0) {
            log.warn("Call log: {} call(s) were still open when the service last stopped; closed as end unknown", closed);
        }
        if (store.missed().backfillPending()) {
            // calls an older version stored are judged once, in the background, so a start never waits for it
            backfill.execute(() -> {
                try {
                    int found = store.missed().backfill(clock.instant(), () -> !closing);
                    if (found > 0) {
                        log.info("Call log: older calls judged for missed ones: {} missed call(s) put on the call-back list",
                                found);
                    }
                } catch (RuntimeException e) {
                    log.warn("Call log: judging older calls for missed ones failed; the next start carries on: {}", e.toString());
                }
            });
        }
        this.writer = new CallWriter(store);
        this.assembler = new CallAssembler(lines, new CallAssembler.Output() {
            @Override
            public void started(CallRecord call) {
                writer.add(call);
            }

            @Override
            public void completed(CallRecord call) {
                writer.add(call);
                onCompleted.accept(call);
                if (log.isDebugEnabled()) {
                    log.debug("Call {} on {}: {} via {}, answered by {}", call.linkedId(), call.lineId(), call.route(),
                            call.decidedBy(), call.answeredBy());
                }
            }
        });
    }

    public CallStore store() {
        return store;
    }

    @Override
    public synchronized void accept(CallEvent e) {
        applyDecisions();
        assembler.accept(e);
        if (++events % 10_000 == 0) {
            assembler.sweep(clock.instant(), IDLE_CALL);
        }
    }

    @Override
    public void decided(RoutingDecision decision) {
        decisions.add(decision);
        if (queued.incrementAndGet() > MAX_QUEUED_DECISIONS) {
            synchronized (this) {
                applyDecisions();
                // decisions whose call never showed up (10 minutes) are forgotten here too, not only every
                // 10,000 events, which do not come while AMI is down
                assembler.sweep(clock.instant(), IDLE_CALL);
            }
        }
    }

    /** Decisions filed but still waiting for their call's first event. */
    synchronized int waitingDecisions() {
        applyDecisions();
        return assembler.waitingDecisions();
    }

    /** Decisions waiting for the next holder of the lock. */
    int queuedDecisions() {
        return queued.get();
    }

    /** The decisions taken so far, in the order they came (before any event that came after them). */
    private void applyDecisions() {
        for (RoutingDecision d = decisions.poll(); d != null; d = decisions.poll()) {
            queued.decrementAndGet();
            assembler.accept(d);
        }
    }

    @Override
    public synchronized void down(Instant since) {
        try {
            openGap = store.openGap(since);
        } catch (RuntimeException e) {
            log.error("Call log: cannot record that AMI is down since {}: {}", since, e.getMessage());
        }
    }

    @Override
    public synchronized void gap(Instant from, Instant to) {
        log.info("Call log: AMI was down from {} to {}; the calls of that time come from the PBX's spool", from, to);
        try {
            if (openGap != null) {
                store.closeGap(openGap, to);
                openGap = null;
            } else {
                store.recordGap(from, to);
            }
        } catch (RuntimeException e) {
            log.error("Call log: cannot record the AMI gap {} - {}: {}", from, to, e.getMessage());
        }
    }

    @Override
    public void storeSpooled(List<SpoolRecord> calls) {
        List<CallRecord> records = calls.stream().map(c -> SpooledCalls.toRecord(c, lines)).toList();
        List<CallRecord> added = store.writeSpooled(records);   // calls the live view had not completed
        spooled.addAndGet(records.size());
        added.forEach(onCompleted);
        if (!added.isEmpty()) {
            log.info("Call log: {} call(s) the service did not see live were taken from the PBX's spool", added.size());
        }
    }

    /** Calls taken from the PBX's spool so far. */
    public long spooled() {
        return spooled.get();
    }

    /** Records written so far (for tests and the benchmark). */
    public long written() {
        return writer.written();
    }

    /** Records of newer calls dropped while the database could not keep up (the spool has the finished ones). */
    public long dropped() {
        return writer.dropped();
    }

    /** Records the database refused, kept in the quarantine. */
    public long quarantined() {
        return writer.quarantined();
    }

    /** Records waiting for the writer. */
    public int waiting() {
        return writer.waiting();
    }

    public synchronized int inProgress() {
        applyDecisions();
        return assembler.inProgress();
    }

    /** Flushes everything: calls still going are stored as in progress (closed as end unknown on the next start). */
    @Override
    public void close() {
        closing = true;
        BackgroundThreads.stop(backfill);
        synchronized (this) {
            applyDecisions();
            assembler.snapshot().forEach(writer::add);
        }
        writer.close();
    }
}
