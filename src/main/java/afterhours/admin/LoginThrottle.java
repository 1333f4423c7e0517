package afterhours.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Failed logins counted per account name and per client address, in expiring, bounded caches. After
 * {@link #FREE_FAILURES} failures each further try must wait longer (1 s, 2 s, 4 s ... up to a minute);
 * after {@link #LOCKOUT_FAILURES} in {@link #WINDOW} an address is refused until the window ends (an
 * account only ever waits, so guessing at someone's password cannot lock them out for long). Refusals are immediate (429 with Retry-After): no request thread ever sleeps. A success clears
 * only its own account's failures, never an address's or another account's, so a valid token cannot
 * buy more guesses at a password.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 3;
    static final int LOCKOUT_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration MAX_WAIT = Duration.ofMinutes(1);
    /** Accounts and addresses remembered at most (the oldest forgotten first): memory stays bounded under a flood. */
    static final long TRACKED = 10_000;

    private record Failures(int count, Instant first, Instant last) {
        Failures plus(Instant now) {
            return new Failures(count + 1, first, now);
        }
    }

    private final Clock clock;
    private final Cache<String, Failures> byAccount;
    private final Cache<String, Failures> byAddress;

    LoginThrottle(Clock clock) {
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.byAccount = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(WINDOW).maximumSize(TRACKED).build();
        this.byAddress = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(WINDOW).maximumSize(TRACKED).build();
    }

    /** How long the caller must wait before this account may be tried from this address; empty: try now. */
    Optional<Duration> wait(String account, String address) {
        Instant now = clock.instant();
        Duration wait = longer(waitFor(byAccount.getIfPresent(key(account)), now, false),
                waitFor(byAddress.getIfPresent(address), now, true));
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    void failed(String account, String address) {
        Instant now = clock.instant();
        byAccount.asMap().merge(key(account), new Failures(1, now, now), (a, b) -> a.plus(now));
        byAddress.asMap().merge(address, new Failures(1, now, now), (a, b) -> a.plus(now));
    }

    /** The account's own failures are forgotten; the address's stay until they expire. */
    void succeeded(String account) {
        byAccount.invalidate(key(account));
    }

    private static String key(String account) {
        return account == null ? "" : account;
    }

    private static Duration waitFor(Failures f, Instant now, boolean lockout) {
        if (f == null || f.count() <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        if (lockout && f.count() >= LOCKOUT_FAILURES) {
            return Duration.between(now, f.first().plus(WINDOW));
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(f.count() - FREE_FAILURES - 1, 6));
        backoff = backoff.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : backoff;
        return Duration.between(now, f.last().plus(backoff));
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
