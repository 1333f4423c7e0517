package afterhours.notify;

import afterhours.calllog.MissedCallEntry;
import afterhours.calllog.MissedCallStore;
import afterhours.concurrent.BackgroundThreads;
import afterhours.line.LineSetup;
import afterhours.routing.LiveLine;
import afterhours.routing.LiveLines;
import afterhours.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the recipients who asked for it of every missed call, through the outbox: a missed call waits
 * {@link #HOLD} after it was stored so that others on the same line ending meanwhile go in the same
 * message, and is told at the next check ({@link #PERIOD}), well within 30 s of the call's end (or of the
 * spool's collection, for calls the service learnt of afterwards; those messages say so). The calls are
 * claimed and the messages written in one transaction, so with two instances on one database each call is
 * told once, and a crash tells it later rather than never.
 */
public final class MissedCallNotices implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MissedCallNotices.class);
    /** How long a missed call waits for others on its line, to be told in one message with them. */
    public static final Duration HOLD = Duration.ofSeconds(20);
    /** How often the missed calls waiting to be told are looked at. */
    public static final Duration PERIOD = Duration.ofSeconds(2);

    private final Database db;
    private final MissedCallStore missed;
    private final Outbox outbox;
    private final LiveLines lines;
    private final Clock clock;
    private final ScheduledExecutorService executor = BackgroundThreads.single("missed-call-notices");

    public MissedCallNotices(Database db, MissedCallStore missed, Outbox outbox, LiveLines lines, Clock clock) {
        this.db = db;
        this.missed = missed;
        this.outbox = outbox;
        this.lines = lines;
        this.clock = clock;
    }

    public MissedCallNotices start() {
        executor.scheduleWithFixedDelay(this, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void run() {
        try {
            tellDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Notifications: telling of missed calls failed, next try in {} s: {}", PERIOD.toSeconds(), e.toString());
        }
    }

    /**
     * Each line with a missed call stored {@link #HOLD} ago or earlier and not yet told: all its missed calls not
     * yet told, in one message per recipient (two when some were learnt of afterwards). Returns the messages written.
     */
    public int tellDue(Instant now) {
        int messages = 0;
        for (String lineId : missed.linesToTell(now.minus(HOLD))) {
            LineSetup setup = lines.line(lineId).map(LiveLine::setup).orElse(null);
            messages += db.write("telling of the missed calls of " + lineId, c -> {
                List<MissedCallEntry> calls = missed.claimUntold(c, lineId, now);
                if (setup == null || calls.isEmpty()) {
                    return 0;   // a line no longer served: nobody to tell
                }
                List<MissedCallEntry> live = calls.stream().filter(e -> e.source() != MissedCallEntry.Source.SPOOL).toList();
                List<MissedCallEntry> late = calls.stream().filter(e -> e.source() == MissedCallEntry.Source.SPOOL).toList();
                int written = 0;
                if (!live.isEmpty()) {
                    written += outbox.enqueue(c, Notice.missed(setup, now, live, false));
                }
                if (!late.isEmpty()) {
                    written += outbox.enqueue(c, Notice.missed(setup, now, late, true));
                }
                if (written > 0) {
                    log.info("Notifications: {} missed call(s) on {} told in {} message(s)", calls.size(), lineId, written);
                }
                return written;
            });
        }
        if (messages > 0) {
            outbox.enqueued();
        }
        return messages;
    }

    @Override
    public void close() {
        BackgroundThreads.stop(executor);
    }
}
