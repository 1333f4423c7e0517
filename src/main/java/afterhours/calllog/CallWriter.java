package afterhours.calllog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes call records off the AMI path, many per transaction: takes what is queued (waiting at most
 * {@code FLUSH_MS} for more), keeps only the latest record of each call, writes the batch. A batch that
 * fails (a locked or full database) is kept and retried, never dropped. {@link #close} writes what is left.
 */
final class CallWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallWriter.class);
    static final long FLUSH_MS = 100;
    static final int MAX_BATCH = 2000;
    private static final long RETRY_MS = 1000;

    private final CallStore store;
    private final LinkedBlockingQueue<CallRecord> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running = true;
    private volatile int inBatch;

    CallWriter(CallStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "call-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void add(CallRecord record) {
        queue.add(record);
    }

    long written() {
        return written.get();
    }

    /** Records not yet committed: queued, or in the batch being written. */
    int waiting() {
        return queue.size() + inBatch;
    }

    private void run() {
        Map<String, CallRecord> batch = new LinkedHashMap<>();
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    CallRecord first = queue.poll(FLUSH_MS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    merge(batch, first);
                    inBatch = batch.size();
                    Thread.sleep(Math.min(FLUSH_MS, 20));   // let a burst gather into one transaction
                }
                List<CallRecord> more = new ArrayList<>();
                queue.drainTo(more, MAX_BATCH);
                more.forEach(r -> merge(batch, r));
                inBatch = batch.size();
                store.write(batch.values());
                written.addAndGet(batch.size());
                batch.clear();
                inBatch = 0;
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException e) {
                log.error("Call log: writing {} record(s) failed, retrying in {} ms: {}", batch.size(), RETRY_MS, e.getMessage());
                sleepQuietly(RETRY_MS);
            }
        }
    }

    /** A started and a finished record of one call in the same batch: the finished one wins. */
    private static void merge(Map<String, CallRecord> batch, CallRecord r) {
        CallRecord before = batch.get(r.linkedId());
        if (before == null || r.status() != CallStatus.IN_PROGRESS || before.status() == CallStatus.IN_PROGRESS) {
            batch.put(r.linkedId(), r);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes everything queued, then stops (waits up to 30 s for a locked database). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("Call log: {} record(s) could not be written at shutdown", queue.size());
        }
    }
}
