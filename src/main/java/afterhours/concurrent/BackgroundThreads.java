package afterhours.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The service's named background duties: one daemon thread each, stopped the same way. */
public final class BackgroundThreads {
    /** How long stopping waits for a running task: long enough for one database round, short for SIGTERM. */
    public static final long STOP_WAIT_SECONDS = 5;

    private BackgroundThreads() {
    }

    /**
     * One daemon thread named {@code name}. On stop a task still waiting for its time is dropped, not
     * waited for: stopping must not wait out a retry backoff or the next period.
     */
    public static ScheduledThreadPoolExecutor single(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** {@code threads} daemon threads named {@code name-1}, {@code name-2}, …, taking tasks first come, first served. */
    public static ExecutorService pool(String name, int threads) {
        AtomicInteger made = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Lets a running task finish (interrupting it could break a pooled database connection), then returns. */
    public static void stop(ExecutorService executor) {
        executor.shutdown();
        try {
            executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
