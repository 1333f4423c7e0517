package afterhours.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs at real speed from a chosen instant and can be jumped: Quartz fires on real time,
 * so this lets a test put "now" just before a boundary and watch the real trigger fire.
 */
public final class OffsetClock extends Clock {
    private volatile Duration offset;

    private OffsetClock(Duration offset) {
        this.offset = offset;
    }

    /** A clock that reads {@code now} at this moment and runs on from there. */
    public static OffsetClock startingAt(Instant now) {
        return new OffsetClock(Duration.between(Instant.now(), now));
    }

    /** Jumps to {@code now} (forward or back), as a wall clock corrected by NTP would. */
    public void jumpTo(Instant now) {
        offset = Duration.between(Instant.now(), now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
