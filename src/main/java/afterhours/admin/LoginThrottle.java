package afterhours.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Failed logins counted per client address, never per account and never in a bucket shared by everyone: a
 * wrong password, an unknown token and a wrong setup code all count against the address that sent them, so
 * whoever guesses only ever slows down their own address, and the right password (or a valid token) from an
 * address with no recent failures always gets in (OWASP ASVS V2.2). An IPv6 address counts as its /64
 * network, which one host usually holds whole.
 * <ul>
 * <li>{@link Limit#BACKOFF}: past {@link #FREE_FAILURES} failures within {@link #WINDOW}, each try waits
 * 1 s, 2 s, 4 s ... up to {@link #MAX_WAIT} after the address's last failure;</li>
 * <li>{@link Limit#LOCKOUT}: {@link #LOCKOUT_FAILURES} failures within any {@link #WINDOW} shut the address
 * until the oldest of them is {@link #WINDOW} old, so an address gets at most that many guesses in any
 * {@link #WINDOW}, however it spaces them.</li>
 * </ul>
 * Refusals are immediate (429 with Retry-After): no request thread ever sleeps, and a refused try is not
 * checked, so it tells nothing. A success clears nothing: a valid token cannot buy more guesses at a password.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 3;
    static final int LOCKOUT_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration MAX_WAIT = Duration.ofMinutes(1);
    /** Addresses remembered at most (the oldest forgotten first): memory stays bounded under a flood. */
    static final long TRACKED = 10_000;

    /** Which limit an address reached. */
    enum Limit { BACKOFF, LOCKOUT }

    /** A refusal: the limit reached and how long until the address may try again. */
    record Wait(Limit limit, Duration retryAfter) { }

    /** The newest failures of one address, oldest first, at most {@link #LOCKOUT_FAILURES}. */
    private record Failures(long[] millis) {
        Failures plus(Instant now) {
            long[] kept = millis.length < LOCKOUT_FAILURES ? Arrays.copyOf(millis, millis.length + 1)
                    : Arrays.copyOfRange(millis, 1, millis.length + 1);
            kept[kept.length - 1] = now.toEpochMilli();
            return new Failures(kept);
        }

        /** The failures within the window that ends at {@code now}. */
        int recent(Instant now) {
            long since = now.minus(WINDOW).toEpochMilli();
            int n = 0;
            for (long m : millis) {
                if (m > since) {
                    n++;
                }
            }
            return n;
        }
    }

    private final Clock clock;
    private final Cache<String, Failures> byAddress;

    LoginThrottle(Clock clock) {
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        // a failure older than the window counts for nothing, so an address is forgotten a window after its last
        this.byAddress = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(WINDOW).maximumSize(TRACKED).build();
    }

    /** Whether a try from {@code address} must wait, and for which limit; empty: try now. */
    Optional<Wait> wait(String address) {
        Failures f = byAddress.getIfPresent(key(address));
        if (f == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        int recent = f.recent(now);
        if (recent >= LOCKOUT_FAILURES) {
            Instant oldest = Instant.ofEpochMilli(f.millis()[f.millis().length - LOCKOUT_FAILURES]);
            return Optional.of(new Wait(Limit.LOCKOUT, Duration.between(now, oldest.plus(WINDOW))));
        }
        if (recent <= FREE_FAILURES) {
            return Optional.empty();
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(recent - FREE_FAILURES - 1, 6));
        backoff = backoff.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : backoff;
        Duration wait = Duration.between(now, Instant.ofEpochMilli(f.millis()[f.millis().length - 1]).plus(backoff));
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(new Wait(Limit.BACKOFF, wait));
    }

    void failed(String address) {
        Instant now = clock.instant();
        byAddress.asMap().merge(key(address), new Failures(new long[] {now.toEpochMilli()}), (old, one) -> old.plus(now));
    }

    /**
     * The address as counted: an IPv6 address by its /64 network (a host is usually given a whole /64, so
     * counting single addresses would give it 2^64 tries), anything else as written.
     */
    static String key(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        String a = address.strip();
        if (a.indexOf(':') >= 0) {
            try {
                // a literal with a colon is parsed, never looked up
                InetAddress ip = InetAddress.getByName(a.startsWith("[") ? a : "[" + a + "]");
                if (ip instanceof Inet6Address) {
                    return HexFormat.of().formatHex(ip.getAddress(), 0, 8) + "::/64";
                }
                return ip.getHostAddress();
            } catch (UnknownHostException | SecurityException e) {
                // not an address: counted as written
            }
        }
        return a.length() > 64 ? a.substring(0, 64) : a;
    }
}
