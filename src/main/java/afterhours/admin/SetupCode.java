package afterhours.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The first login's one-time code, made at start while no user exists: 128 random bits, valid for
 * {@link #VALID}, used once. It reaches the operator on the console only (never the log file), as part of
 * the setup link, and lets whoever holds it choose the first admin's name and password.
 */
public final class SetupCode {
    public static final Duration VALID = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String code;
    private final Instant expires;
    private final AtomicBoolean used = new AtomicBoolean();

    private SetupCode(String code, Instant expires) {
        this.code = code;
        this.expires = expires;
    }

    public static SetupCode create(Clock clock) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new SetupCode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), clock.instant().plus(VALID));
    }

    public String code() {
        return code;
    }

    public Instant expires() {
        return expires;
    }

    /** Whether {@code given} is this code, unused and not expired at {@code now}. */
    boolean matches(String given, Instant now) {
        return given != null && !used.get() && now.isBefore(expires)
                && MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Uses the code up; false when it was used meanwhile. */
    boolean use() {
        return used.compareAndSet(false, true);
    }
}
