package afterhours.notify;

import afterhours.concurrent.BackgroundThreads;
import afterhours.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each instance's sign of life in the database, every {@link #PERIOD}: the newest one tells, at the next
 * start, since when no instance was running (the service cannot announce its own death, but its restart
 * can say how long it was gone).
 */
public final class ServiceHeartbeat implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceHeartbeat.class);
    public static final Duration PERIOD = Duration.ofSeconds(30);
    /** Beats of instances gone this long are removed. */
    private static final Duration FORGET = Duration.ofDays(7);

    private final Database db;
    private final Clock clock;
    private final String instance;
    private final ScheduledExecutorService executor = BackgroundThreads.single("heartbeat");

    public ServiceHeartbeat(Database db, Clock clock, String instance) {
        this.db = db;
        this.clock = clock;
        this.instance = instance;
    }

    /** The newest beat of any instance, or null when none ever beat. */
    public Instant last() {
        return db.read("reading the last heartbeat", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(at) FROM service_heartbeat");
                 ResultSet rs = ps.executeQuery()) {
                long at = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() || at == 0 ? null : Instant.ofEpochMilli(at);
            }
        });
    }

    public ServiceHeartbeat start() {
        executor.scheduleWithFixedDelay(this::beat, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    void beat() {
        try {
            Instant now = clock.instant();
            db.write("a heartbeat", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_heartbeat (instance, at) VALUES (?, ?)"
                        + " ON CONFLICT (instance) DO UPDATE SET at = excluded.at");
                     PreparedStatement old = c.prepareStatement("DELETE FROM service_heartbeat WHERE at < ?")) {
                    ps.setString(1, instance);
                    ps.setLong(2, now.toEpochMilli());
                    ps.executeUpdate();
                    old.setLong(1, now.minus(FORGET).toEpochMilli());
                    old.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Heartbeat: could not record this instance's sign of life: {}", e.toString());
        }
    }

    @Override
    public void close() {
        BackgroundThreads.stop(executor);
    }
}
