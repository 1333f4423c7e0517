package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.store.Database;
import afterhours.support.OffsetClock;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed logins are counted per account and per address; refusals are immediate; a success clears only its own account. */
class LoginThrottleTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    @TempDir
    Path dir;

    private OffsetClock clock;
    private Authenticator auth;
    private String token;

    @BeforeEach
    void open() {
        UserStore users = new UserStore(Database.open(dir.resolve("users.db")));
        users.put("anna", Role.ADMIN, Passwords.hash(PASSWORD), Instant.now());
        token = Passwords.newToken();
        users.addToken("calendar", Role.CONTRACTOR, Passwords.tokenHash(token), Instant.now());
        clock = OffsetClock.startingAt(T0);
        auth = new Authenticator(users, clock);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void later(Duration d) {
        clock.jumpTo(clock.instant().plus(d));
    }

    @Test
    void afterThreeFailuresATryMustWaitAndIsRefusedAtOnce() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES + 1; i++) {
            assertThat(auth.authenticate(basic("anna", "guess" + i), "10.6.6.6")).isInstanceOf(Authenticator.Denied.class);
        }
        long t = System.nanoTime();
        Authenticator.Result refused = auth.authenticate(basic("anna", PASSWORD), "10.6.6.6");
        assertThat(Duration.ofNanos(System.nanoTime() - t)).as("no request thread sleeps").isLessThan(Duration.ofMillis(500));
        assertThat(refused).isInstanceOf(Authenticator.TooMany.class);
        assertThat(((Authenticator.TooMany) refused).retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        later(Duration.ofSeconds(2));
        assertThat(auth.authenticate(basic("anna", PASSWORD), "10.6.6.6")).isInstanceOf(Authenticator.Allowed.class);
    }

    @Test
    void aValidTokenCannotBuyMoreGuessesAtAPassword() {
        int denied = 0;
        for (int round = 0; round < 20 && denied < LoginThrottle.LOCKOUT_FAILURES; round++) {
            Authenticator.Result r = auth.authenticate(basic("anna", "guess" + round), "10.6.6.6");
            if (r instanceof Authenticator.Denied) {
                denied++;
            }
            later(Duration.ofSeconds(40));   // past each wait (at most 32 s before the tenth failure)
            if (denied < LoginThrottle.LOCKOUT_FAILURES) {
                // the attacker's own calendar token, from the same address: it works, and it clears nothing
                assertThat(auth.authenticate("Bearer " + token, "10.6.6.6")).isInstanceOf(Authenticator.Allowed.class);
            }
        }
        assertThat(denied).isEqualTo(LoginThrottle.LOCKOUT_FAILURES);
        Authenticator.Result locked = auth.authenticate(basic("anna", "one more"), "10.6.6.6");
        assertThat(locked).isInstanceOf(Authenticator.TooMany.class);
        assertThat(((Authenticator.TooMany) locked).retryAfter()).isGreaterThan(Duration.ofSeconds(60));
    }

    @Test
    void theOwnerOfAnAttackedAccountWaitsAtMostAMinuteNeverTenMinutes() {
        for (int i = 0; i < 30; i++) {
            auth.authenticate(basic("anna", "guess" + i), "10.6.6." + i);   // many addresses, one account
            later(Duration.ofSeconds(70));
        }
        Authenticator.Result owner = auth.authenticate(basic("anna", PASSWORD), "10.1.1.1");
        Duration wait = owner instanceof Authenticator.TooMany tooMany ? tooMany.retryAfter() : Duration.ZERO;
        assertThat(wait).isLessThanOrEqualTo(LoginThrottle.MAX_WAIT);
        later(wait.plusSeconds(1));
        assertThat(auth.authenticate(basic("anna", PASSWORD), "10.1.1.1")).isInstanceOf(Authenticator.Allowed.class);
    }

    @Test
    void failuresExpireAfterTheWindow() {
        for (int i = 0; i < LoginThrottle.LOCKOUT_FAILURES; i++) {
            auth.authenticate(basic("anna", "guess" + i), "10.6.6.6");
            later(Duration.ofSeconds(61));
        }
        later(LoginThrottle.WINDOW);
        assertThat(auth.authenticate(basic("anna", PASSWORD), "10.6.6.6")).isInstanceOf(Authenticator.Allowed.class);
    }
}
