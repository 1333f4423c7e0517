package afterhours.switching;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.support.LogCapture;
import afterhours.support.OffsetClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final Duration PERIOD = Duration.ofSeconds(60);

    @Test
    void everyRoundChecksEveryLine() {
        AtomicInteger rounds = new AtomicInteger();
        Watchdog watchdog = new Watchdog(rounds::incrementAndGet, OffsetClock.startingAt(T0), PERIOD);
        watchdog.run();
        watchdog.run();
        assertThat(rounds).hasValue(2);
    }

    @Test
    void roundsOnTimeReportNoJump() {
        OffsetClock clock = OffsetClock.startingAt(T0);
        Watchdog watchdog = new Watchdog(() -> { }, clock, PERIOD);
        assertThat(watchdog.clockJump(T0)).isZero();
        watchdog.run();
        assertThat(watchdog.clockJump(T0.plus(PERIOD))).isZero();
        assertThat(watchdog.clockJump(T0.plus(PERIOD.multipliedBy(2)))).as("a late round within two periods").isZero();
    }

    @Test
    void aClockSetBackOrForwardIsReportedAndTheRoundStillRuns() {
        OffsetClock clock = OffsetClock.startingAt(T0);
        AtomicInteger rounds = new AtomicInteger();
        Watchdog watchdog = new Watchdog(rounds::incrementAndGet, clock, PERIOD);
        watchdog.run();
        // the test clock runs on in real time: allow the milliseconds since the round
        assertThat(watchdog.clockJump(T0.minusSeconds(3600))).isBetween(Duration.ofSeconds(-3601), Duration.ofSeconds(-3600));
        assertThat(watchdog.clockJump(T0.plus(Duration.ofHours(2))))
                .isBetween(Duration.ofHours(2).minus(PERIOD).minusSeconds(1), Duration.ofHours(2).minus(PERIOD));
        try (LogCapture logs = new LogCapture()) {
            clock.jumpTo(T0.minusSeconds(3600));
            watchdog.run();
            assertThat(logs.all()).contains("Watchdog: the clock jumped -3600 s since the last round");
        }
        assertThat(rounds).hasValue(2);
    }
}
