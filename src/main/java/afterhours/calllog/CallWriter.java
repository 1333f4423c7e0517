package afterhours.calllog;

import afterhours.store.StoreException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes call records off the AMI path, many per transaction, and can neither stall nor eat the heap:
 * <ul>
 * <li>records wait coalesced by call (a finished record replaces the started one), at most
 * {@code maxPending} calls; beyond that a new call's records are dropped and counted, never blocking the
 * caller: the dialplan's spool keeps the durable copy of every finished call;</li>
 * <li>a batch the database cannot take now (locked, busy, unreachable) is kept and retried;</li>
 * <li>a batch the database refuses is split until the refused record is alone; that one goes to the
 * quarantine (with the reason, a WARN and a count) and the rest lands at once.</li>
 * </ul>
 * {@link #close} writes what is left.
 */
final class CallWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallWriter.class);
    static final long FLUSH_MS = 100;
    static final int MAX_BATCH = 2000;
    /** About 15 MB of records: a 5-minute outage of the database at 50 calls/s fits. */
    static final int MAX_PENDING = 20_000;
    private static final long RETRY_MS = 1000;

    private final CallStore store;
    private final int maxPending;
    private final Map<String, CallRecord> pending = new LinkedHashMap<>();
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private volatile boolean running = true;
    private volatile int inBatch;

    CallWriter(CallStore store) {
        this(store, MAX_PENDING);
    }

    CallWriter(CallStore store, int maxPending) {
        this.store = store;
        this.maxPending = maxPending;
        this.thread = new Thread(this::run, "call-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Never blocks: a record for a call already waiting replaces it; a new call beyond the limit is dropped. */
    void add(CallRecord record) {
        synchronized (pending) {
            CallRecord before = pending.get(record.linkedId());
            if (before == null && pending.size() >= maxPending) {
                if (dropped.incrementAndGet() % 1000 == 1) {
                    log.warn("Call log: {} calls wait for the database; {} record(s) of newer calls dropped so far"
                            + " (finished calls are kept in the PBX's spool and collected later)", pending.size(), dropped.get());
                }
                return;
            }
            if (before == null || record.status() != CallStatus.IN_PROGRESS || before.status() == CallStatus.IN_PROGRESS) {
                pending.remove(record.linkedId());   // re-inserted last: the order of arrival
                pending.put(record.linkedId(), record);
            }
            pending.notifyAll();
        }
    }

    long written() {
        return written.get();
    }

    /** Records not yet committed: waiting, or in the batch being written. */
    int waiting() {
        synchronized (pending) {
            return pending.size() + inBatch;
        }
    }

    long dropped() {
        return dropped.get();
    }

    long quarantined() {
        return quarantined.get();
    }

    private List<CallRecord> take() throws InterruptedException {
        synchronized (pending) {
            if (pending.isEmpty()) {
                pending.wait(FLUSH_MS);
            }
            List<CallRecord> batch = new ArrayList<>(Math.min(pending.size(), MAX_BATCH));
            Iterator<CallRecord> it = pending.values().iterator();
            while (it.hasNext() && batch.size() < MAX_BATCH) {
                batch.add(it.next());
                it.remove();
            }
            inBatch = batch.size();
            return batch;
        }
    }

    private void run() {
        List<CallRecord> batch = List.of();
        while (running || waiting() > 0) {
            try {
                if (batch.isEmpty()) {
                    Thread.sleep(Math.min(FLUSH_MS, 20));   // let a burst gather into one transaction
                    batch = take();
                    if (batch.isEmpty()) {
                        continue;
                    }
                }
                write(batch);
                written.addAndGet(batch.size());
                batch = List.of();
                inBatch = 0;
            } catch (InterruptedException e) {
                running = false;
            } catch (StoreException e) {
                log.error("Call log: the database cannot take {} record(s) now, retrying in {} ms: {}", batch.size(),
                        RETRY_MS, e.getMessage());
                sleepQuietly(RETRY_MS);
            } catch (RuntimeException e) {
                log.error("Call log: writing {} record(s) failed, retrying in {} ms: {}", batch.size(), RETRY_MS, e.toString());
                sleepQuietly(RETRY_MS);
            }
        }
    }

    /**
     * Writes the batch; a refusal of the data splits it until the refused record is alone and quarantined.
     * Throws when the database cannot take it now (the caller keeps the batch and retries).
     */
    private void write(List<CallRecord> batch) {
        try {
            store.write(batch);
        } catch (StoreException e) {
            if (e.isTransient()) {
                throw e;
            }
            if (batch.size() == 1) {
                quarantine(batch.get(0), e);
                return;
            }
            int half = batch.size() / 2;
            write(batch.subList(0, half));
            write(batch.subList(half, batch.size()));
        }
    }

    private void quarantine(CallRecord record, StoreException refusal) {
        String reason = refusal.getMessage();
        store.quarantine(record, reason);
        quarantined.incrementAndGet();
        log.warn("Call log: the database refused the record of call {}; it is in the quarantine (call_quarantine): {}",
                record.linkedId(), reason);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes everything waiting, then stops (waits up to 30 s for a locked database). */
    @Override
    public void close() {
        running = false;
        synchronized (pending) {
            pending.notifyAll();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("Call log: {} record(s) could not be written at shutdown", waiting());
        }
    }
}
