package afterhours.admin;

import afterhours.users.Passwords;
import afterhours.users.Principal;
import afterhours.users.UserStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@code Authorization} headers: {@code Basic} (user and password, bcrypt) or {@code Bearer} (an
 * API token). Repeated failures from one address are slowed down and, past a limit, refused for a while.
 * A verified password is remembered (as a hash) for a few minutes so bcrypt is not paid on every request.
 */
public final class Authenticator {
    static final int FREE_FAILURES = 3;
    static final int LOCKOUT_FAILURES = 10;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(10);
    static final Duration VERIFIED_FOR = Duration.ofMinutes(5);

    /** The outcome: a principal, or why not. */
    public sealed interface Result permits Allowed, Denied, TooMany { }

    public record Allowed(Principal principal) implements Result { }

    public record Denied() implements Result { }

    /** Too many failures from this address: try again after {@code retryAfter}. */
    public record TooMany(Duration retryAfter) implements Result { }

    private record Failures(int count, Instant first) { }

    private final UserStore users;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    public Authenticator(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    public Result authenticate(String authorization, String address) {
        Instant now = clock.instant();
        Failures f = failures.get(address);
        if (f != null && f.first().plus(FAILURE_WINDOW).isBefore(now)) {
            failures.remove(address);
            f = null;
        }
        if (f != null && f.count() >= LOCKOUT_FAILURES) {
            return new TooMany(Duration.between(now, f.first().plus(FAILURE_WINDOW)));
        }
        Optional<Principal> who = check(authorization, now);
        if (who.isPresent()) {
            failures.remove(address);
            return new Allowed(who.get());
        }
        if (authorization != null) {
            Failures next = f == null ? new Failures(1, now) : new Failures(f.count() + 1, f.first());
            failures.put(address, next);
            slowDown(next.count());
        }
        return new Denied();
    }

    private Optional<Principal> check(String authorization, Instant now) {
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.startsWith("Bearer ")) {
            return users.findToken(Passwords.tokenHash(authorization.substring(7).strip()));
        }
        if (!authorization.startsWith("Basic ")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String name = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        Optional<UserStore.User> user = users.find(name);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String key = Passwords.tokenHash(user.get().passwordHash() + "\n" + decoded);
        Instant until = verified.get(key);
        if (until != null && until.isAfter(now)) {
            return Optional.of(new Principal(name, user.get().role()));
        }
        if (!Passwords.matches(password, user.get().passwordHash())) {
            return Optional.empty();
        }
        verified.put(key, now.plus(VERIFIED_FOR));
        return Optional.of(new Principal(name, user.get().role()));
    }

    /** After the first few failures each one waits longer (up to 2 s), so guessing is slow. */
    private static void slowDown(int count) {
        if (count <= FREE_FAILURES) {
            return;
        }
        long ms = Math.min(2000, 100L << Math.min(count - FREE_FAILURES, 5));
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
