package afterhours.admin;

import afterhours.users.Passwords;
import afterhours.users.Principal;
import afterhours.users.UserStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Checks {@code Authorization} headers: {@code Basic} (user and password, bcrypt) or {@code Bearer} (an
 * API token). Failures are counted per account and per address ({@link LoginThrottle}): past a few, a
 * try must wait, and an address is refused for a while past a limit, always at once, never by sleeping.
 * A verified password is remembered (as a hash) for a few minutes so bcrypt is not paid on every request.
 */
public final class Authenticator {
    static final Duration VERIFIED_FOR = Duration.ofMinutes(5);

    /** The outcome: a principal, or why not. */
    public sealed interface Result permits Allowed, Denied, TooMany { }

    public record Allowed(Principal principal) implements Result { }

    public record Denied() implements Result { }

    /** Too many failures from this address: try again after {@code retryAfter}. */
    public record TooMany(Duration retryAfter) implements Result { }


    private final UserStore users;
    private final Clock clock;
    private final LoginThrottle throttle;
    /** Verified password checks, remembered as hashes for {@link #VERIFIED_FOR}, at most 1,000. */
    private final Cache<String, Instant> verified = Caffeine.newBuilder().maximumSize(1_000).build();

    public Authenticator(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
        this.throttle = new LoginThrottle(clock);
    }

    public Result authenticate(String authorization, String address) {
        if (authorization == null) {
            return new Denied();
        }
        String account = accountOf(authorization);
        Optional<Duration> wait = throttle.wait(account, address);
        if (wait.isPresent()) {
            return new TooMany(wait.get());
        }
        Optional<Principal> who = check(authorization, clock.instant());
        if (who.isPresent()) {
            throttle.succeeded(account);
            return new Allowed(who.get());
        }
        throttle.failed(account, address);
        return new Denied();
    }

    /** Whose password is being tried: the Basic user name; all tokens count as one account. */
    private static String accountOf(String authorization) {
        if (authorization.startsWith("Basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon > 0 ? "user:" + decoded.substring(0, colon) : "user:";
            } catch (IllegalArgumentException e) {
                return "user:";
            }
        }
        return "token";
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
        Instant until = verified.getIfPresent(key);
        if (until != null && until.isAfter(now)) {
            return Optional.of(new Principal(name, user.get().role()));
        }
        if (!Passwords.matches(password, user.get().passwordHash())) {
            return Optional.empty();
        }
        verified.put(key, now.plus(VERIFIED_FOR));
        return Optional.of(new Principal(name, user.get().role()));
    }

}
