package afterhours.switching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic check of every line: recomputes each state and repairs the PBX if a trigger was missed.
 * It also notices the wall clock jumping (a round that comes far too early or far too late), says so,
 * and the round it runs then corrects every line for the new time.
 */
public final class Watchdog implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    private final Runnable check;
    private final Clock clock;
    private final Duration period;
    private Instant lastRound;

    /** @param check one round over every line ({@code switchboard.reconcileAll(Trigger.WATCHDOG)}) */
    public Watchdog(Runnable check, Clock clock, Duration period) {
        this.check = check;
        this.clock = clock;
        this.period = period;
    }

    @Override
    public synchronized void run() {
        Instant now = clock.instant();
        Duration jump = clockJump(now);
        if (!jump.isZero()) {
            log.warn("Watchdog: the clock jumped {} s since the last round; checking every line for the new time",
                    Math.round(jump.toMillis() / 1000.0));
        }
        lastRound = now;
        check.run();
    }

    /**
     * How far the clock moved beyond what one period explains: zero for a round on time (or the first),
     * negative when it went backwards, positive when a round came more than two periods late.
     */
    synchronized Duration clockJump(Instant now) {
        if (lastRound == null) {
            return Duration.ZERO;
        }
        Duration since = Duration.between(lastRound, now);
        if (since.isNegative()) {
            return since;
        }
        Duration late = since.minus(period.multipliedBy(2));
        return late.isNegative() ? Duration.ZERO : since.minus(period);
    }
}
