package afterhours.switching;

import afterhours.concurrent.BackgroundThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With several instances on one database: looks every {@link #PERIOD} for a change another instance
 * made (an admin edit, a seeded line, a scheduled switch it applied) and reloads, so this instance's PBX
 * gets the new state too. A failed look is logged and the next one comes as planned.
 */
public final class ReloadPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReloadPoller.class);
    public static final Duration PERIOD = Duration.ofSeconds(2);

    private final ScheduledExecutorService thread = BackgroundThreads.single("reload");

    /** @param check one look and, when something changed, the reload ({@link Switchboard#reloadIfChangedElsewhere}) */
    public ReloadPoller(Runnable check, Duration period) {
        thread.scheduleWithFixedDelay(() -> {
            try {
                check.run();
            } catch (RuntimeException e) {
                log.warn("Checking for changes by other instances failed: {}", e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets a running look finish: interrupting it would break its pooled database connection. */
    @Override
    public void close() {
        BackgroundThreads.stop(thread);
    }
}
