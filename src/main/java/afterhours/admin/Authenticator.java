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
 * API token). Failures are counted per client address ({@link LoginThrottle}), whatever was tried: past a
 * few, a try from that address must wait, and past a limit the address is refused for a while, always at
 * once, never by sleeping. A verified password is remembered (as a hash) for a few minutes so bcrypt is not
 * paid on every request.
 */
public final class Authenticator {
    static final Duration VERIFIED_FOR = Duration.ofMinutes(5);

    /** The outcome: a principal, or why not. */
    public sealed interface Result permits Allowed, Denied, TooMany { }

    public record Allowed(Principal principal) implements Result { }

    public record Denied() implements Result { }

    /** Too many failures from this address: {@code limit} says which rule, try again after {@code retryAfter}. */
    public record TooMany(LoginThrottle.Limit limit, Duration retryAfter) implements Result { }


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
        Optional<TooMany> wait = refused(address);
        if (wait.isPresent()) {
            return wait.get();
        }
        Optional<Principal> who = check(authorization, clock.instant());
        if (who.isPresent()) {
            return new Allowed(who.get());
        }
        throttle.failed(address);
        return new Denied();
    }

    /** Whether a try from {@code address} (a password, a token, a setup code) must wait now. */
    Optional<TooMany> refused(String address) {
        return throttle.wait(address).map(w -> new TooMany(w.limit(), w.retryAfter()));
    }

    /** Counts a failed try of anything secret (a setup code) against {@code address}. */
    void failed(String address) {
        throttle.failed(address);
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
