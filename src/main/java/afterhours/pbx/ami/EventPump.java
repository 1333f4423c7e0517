package afterhours.pbx.ami;

import afterhours.calllog.CallEvent;
import afterhours.calllog.CallEventSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes call events off Asterisk-Java's single event thread into a bounded queue drained by a thread
 * of our own, so a slow consumer (the database) never delays AMI responses or later events. Only the
 * event classes the call log reads pass ({@link AmiCallEvents}); they are translated on our thread.
 */
public final class EventPump implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventPump.class);
    private final BlockingQueue<ManagerEvent> queue;
    private final CallEventSink sink;
    private final Thread worker;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;

    public EventPump(CallEventSink sink, int capacity) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(this::drain, "ami-events");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Called on the library's event thread: must never block. */
    public void offer(ManagerEvent event) {
        if (sink == CallEventSink.NONE || !AmiCallEvents.read(event)) {
            return;
        }
        if (queue.offer(event)) {
            accepted.incrementAndGet();
        } else if (dropped.incrementAndGet() % 1000 == 1) {
            log.error("Call event queue full ({} waiting): {} events dropped so far; the consumer is too slow",
                    queue.size(), dropped.get());
        }
    }

    public long accepted() {
        return accepted.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public int waiting() {
        return queue.size();
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            ManagerEvent event;
            try {
                event = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                running = false;
                continue;
            }
            if (event == null) {
                continue;
            }
            try {
                CallEvent translated = AmiCallEvents.of(event);
                if (translated != null) {
                    sink.accept(translated);
                }
            } catch (RuntimeException e) {
                log.error("Call event consumer failed on {} (continuing): {}", event.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }

    /** Stops after handing over what is queued (at most {@code wait}). */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
