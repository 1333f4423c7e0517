package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.store.Database;
import afterhours.support.MovableClock;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed logins are counted per address, never per account or in a shared bucket; refusals are immediate and
 * say which limit was reached; a success clears nothing. Time is a clock the test moves, so nothing here
 * depends on the machine's speed.
 */
class LoginThrottleTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    @TempDir
    Path dir;

    private MovableClock clock;
    private Authenticator auth;
    private String token;

    @BeforeEach
    void open() {
        UserStore users = new UserStore(Database.open(dir.resolve("users.db")));
        users.put("anna", Role.ADMIN, Passwords.hash(PASSWORD), T0);
        token = Passwords.newToken();
        users.addToken("calendar", Role.CONTRACTOR, Passwords.tokenHash(token), T0);
        clock = new MovableClock(T0);
        auth = new Authenticator(users, clock);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void later(Duration d) {
        clock.advance(d);
    }

    @Test
    void afterThreeFailuresATryFromThatAddressWaitsAndIsRefusedWithoutBeingChecked() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES + 1; i++) {
            assertThat(auth.authenticate(basic("anna", "guess" + i), "10.6.6.6")).isInstanceOf(Authenticator.Denied.class);
        }
        Authenticator.Result refused = auth.authenticate(basic("anna", PASSWORD), "10.6.6.6");
        assertThat(refused).isEqualTo(new Authenticator.TooMany(LoginThrottle.Limit.BACKOFF, Duration.ofSeconds(1)));
        later(Duration.ofMillis(999));
        assertThat(auth.authenticate(basic("anna", PASSWORD), "10.6.6.6")).isInstanceOf(Authenticator.TooMany.class);
        later(Duration.ofMillis(1));
        assertThat(auth.authenticate(basic("anna", PASSWORD), "10.6.6.6")).isInstanceOf(Authenticator.Allowed.class);
    }

    /** Guards "anyone can keep the real admin from logging in": 12 wrong passwords from one address, the right one from another. */
    @Test
    void theRightPasswordFromAnAddressWithNoRecentFailuresAlwaysLogsIn() {
        for (int i = 0; i < 12; i++) {
            auth.authenticate(basic("anna", "guess" + i), "10.6.6.6");
        }
        assertThat(auth.authenticate(basic("anna", PASSWORD), "10.6.6.6")).isInstanceOf(Authenticator.TooMany.class);
        assertThat(auth.authenticate(basic("anna", PASSWORD), "10.1.1.1"))
                .as("the account is not shut: the attacker's address is").isInstanceOf(Authenticator.Allowed.class);
    }

    /** Guards "bogus tokens from anyone hold up every valid token": there is no bucket all tokens share. */
    @Test
    void bogusTokensFromManyAddressesNeverHoldUpAValidTokenFromAnother() {
        for (int i = 0; i < 50; i++) {
            auth.authenticate("Bearer ah_bogus" + i, "10.6.6." + i);
        }
        for (int i = 0; i < 30; i++) {
            auth.authenticate("Bearer ah_bogus" + i, "10.7.7.7");
        }
        assertThat(auth.authenticate("Bearer " + token, "10.2.2.2")).isInstanceOf(Authenticator.Allowed.class);
        assertThat(auth.authenticate("Bearer " + token, "10.7.7.7")).as("the guessing address itself waits")
                .isInstanceOf(Authenticator.TooMany.class);
    }

    @Test
    void tenFailuresWithinTenMinutesShutTheAddressUntilTheOldestIsTenMinutesOld() {
        for (int i = 0; i < LoginThrottle.LOCKOUT_FAILURES; i++) {
            assertThat(auth.authenticate(basic("nobody", "guess" + i), "10.6.6.6")).isInstanceOf(Authenticator.Denied.class);
            later(Duration.ofSeconds(50));   // past each wait (at most 32 s before the tenth failure)
        }
        // the first failure was 500 s ago: shut for another 100 s, which the refusal says
        assertThat(auth.authenticate(basic("anna", PASSWORD), "10.6.6.6"))
                .isEqualTo(new Authenticator.TooMany(LoginThrottle.Limit.LOCKOUT, Duration.ofSeconds(100)));
        later(Duration.ofSeconds(100));
        assertThat(auth.authenticate(basic("anna", PASSWORD), "10.6.6.6")).isInstanceOf(Authenticator.Allowed.class);
    }

    /**
     * However it spaces its guesses, an address gets at most ten checked in any ten minutes, for as long as it keeps
     * on (token guesses: they count the same as passwords and cost no bcrypt).
     */
    @Test
    void anAddressGetsAtMostTenGuessesInAnyTenMinutes() {
        List<Instant> checked = new ArrayList<>();
        Instant end = T0.plus(Duration.ofHours(2));
        while (clock.instant().isBefore(end)) {
            Authenticator.Result r = auth.authenticate("Bearer ah_guess" + checked.size(), "10.6.6.6");
            if (r instanceof Authenticator.TooMany wait) {
                later(wait.retryAfter());
            } else {
                assertThat(r).isInstanceOf(Authenticator.Denied.class);
                checked.add(clock.instant());
                later(Duration.ofMillis(1));
            }
        }
        for (int i = LoginThrottle.LOCKOUT_FAILURES; i < checked.size(); i++) {
            assertThat(Duration.between(checked.get(i - LoginThrottle.LOCKOUT_FAILURES), checked.get(i)))
                    .as("guess %d", i).isGreaterThanOrEqualTo(LoginThrottle.WINDOW);
        }
        assertThat(checked).as("ten in each of the twelve windows").hasSize(LoginThrottle.LOCKOUT_FAILURES * 12);
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
                // the attacker's own calendar token, from the same address, after each wait: it works, and clears nothing
                assertThat(auth.authenticate("Bearer " + token, "10.6.6.6")).isInstanceOf(Authenticator.Allowed.class);
            }
        }
        assertThat(denied).isEqualTo(LoginThrottle.LOCKOUT_FAILURES);
        Authenticator.Result locked = auth.authenticate(basic("anna", "one more"), "10.6.6.6");
        assertThat(locked).isInstanceOf(Authenticator.TooMany.class);
        assertThat(((Authenticator.TooMany) locked).limit()).isEqualTo(LoginThrottle.Limit.LOCKOUT);
        assertThat(((Authenticator.TooMany) locked).retryAfter()).isGreaterThan(Duration.ofSeconds(60));
    }

    @Test
    void failuresExpireAfterTheWindow() {
        for (int i = 0; i < LoginThrottle.LOCKOUT_FAILURES; i++) {
            auth.authenticate("Bearer ah_guess" + i, "10.6.6.6");
            later(Duration.ofSeconds(61));
        }
        later(LoginThrottle.WINDOW);
        assertThat(auth.authenticate(basic("anna", PASSWORD), "10.6.6.6")).isInstanceOf(Authenticator.Allowed.class);
    }

    /** A host holds a whole IPv6 /64: its addresses count as one; the next network is another. */
    @Test
    void anIpv6NetworkCountsAsOneAddress() {
        for (int i = 1; i <= LoginThrottle.LOCKOUT_FAILURES; i++) {
            auth.authenticate("Bearer ah_guess" + i, "2001:db8:0:7::" + Integer.toHexString(i));
            later(Duration.ofSeconds(40));
        }
        assertThat(auth.authenticate(basic("anna", PASSWORD), "2001:db8:0:7:ffff::1")).isInstanceOf(Authenticator.TooMany.class);
        assertThat(auth.authenticate(basic("anna", PASSWORD), "2001:db8:0:8::1")).isInstanceOf(Authenticator.Allowed.class);
        assertThat(LoginThrottle.key("2001:DB8:0:7::5")).isEqualTo(LoginThrottle.key("[2001:db8:0:7:1:2:3:4]"))
                .isEqualTo("20010db800000007::/64");
        assertThat(LoginThrottle.key("::ffff:10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(LoginThrottle.key("not:an:address:at:all:zz")).isEqualTo("not:an:address:at:all:zz");
    }
}
