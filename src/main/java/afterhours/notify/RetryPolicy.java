package afterhours.notify;

import java.time.Duration;

/**
 * When a failed delivery is tried again: after {@code first}, doubling, at most {@code longest} apart, and
 * given up (marked failed) after {@code attempts} tries. The default rides out a receiver that is down for
 * two and a half hours: 15 s, 30 s, 1, 2, 4, 8, 16 min, then every 30 min, 12 tries over 2 h 32 min.
 */
public record RetryPolicy(Duration first, Duration longest, int attempts) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(15), Duration.ofMinutes(30), 12);

    /** The wait after the {@code attempt}-th failed try (1 = the first). */
    public Duration delayAfter(int attempt) {
        long millis = first.toMillis();
        for (int i = 1; i < attempt && millis < longest.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, longest.toMillis()));
    }

    /** The whole time from the first try to the last. */
    public Duration span() {
        Duration total = Duration.ZERO;
        for (int i = 1; i < attempts; i++) {
            total = total.plus(delayAfter(i));
        }
        return total;
    }
}
