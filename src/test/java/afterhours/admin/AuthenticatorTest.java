package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.store.Database;
import afterhours.support.MovableClock;
import afterhours.users.Passwords;
import afterhours.users.Principal;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorTest {
    @TempDir
    Path dir;

    private UserStore users;
    private Authenticator auth;

    @BeforeEach
    void open() {
        users = new UserStore(Database.open(dir.resolve("users.db")));
        users.put("anna", Role.ADMIN, Passwords.hash("correct horse battery staple"), Instant.now());
        auth = new Authenticator(users, Clock.systemUTC());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rightPasswordWrongPasswordUnknownUserGarbage() {
        assertThat(auth.authenticate(basic("anna", "correct horse battery staple"), "10.0.0.1"))
                .isEqualTo(new Authenticator.Allowed(new Principal("anna", Role.ADMIN)));
        assertThat(auth.authenticate(basic("anna", "wrong"), "10.0.0.2")).isInstanceOf(Authenticator.Denied.class);
        assertThat(auth.authenticate(basic("nobody", "x"), "10.0.0.2")).isInstanceOf(Authenticator.Denied.class);
        assertThat(auth.authenticate("Basic %%%not-base64", "10.0.0.2")).isInstanceOf(Authenticator.Denied.class);
        assertThat(auth.authenticate("Digest abc", "10.0.0.2")).isInstanceOf(Authenticator.Denied.class);
        assertThat(auth.authenticate(null, "10.0.0.3")).isInstanceOf(Authenticator.Denied.class);
    }

    /** Refused at once: the refusal comes from the clock (which stands still here), never from a thread that sleeps. */
    @Test
    void repeatedFailuresFromOneAddressAreRefusedAtOnceWithARetryTime() {
        MovableClock still = new MovableClock(Instant.parse("2026-11-25T09:00:00Z"));
        Authenticator throttled = new Authenticator(users, still);
        int refused = 0;
        for (int i = 0; i < 3 * LoginThrottle.LOCKOUT_FAILURES; i++) {
            if (throttled.authenticate(basic("anna", "guess" + i), "10.6.6.6") instanceof Authenticator.TooMany) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(3 * LoginThrottle.LOCKOUT_FAILURES - LoginThrottle.FREE_FAILURES - 1);
        Authenticator.Result locked = throttled.authenticate(basic("anna", "correct horse battery staple"), "10.6.6.6");
        assertThat(locked).isInstanceOf(Authenticator.TooMany.class);
        assertThat(((Authenticator.TooMany) locked).retryAfter()).isPositive();
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        String token = Passwords.newToken();
        users.addToken("export", Role.VIEWER, Passwords.tokenHash(token), Instant.now());
        assertThat(auth.authenticate("Bearer " + token, "10.0.0.4"))
                .isEqualTo(new Authenticator.Allowed(Principal.token(1, "export", Role.VIEWER)));
        assertThat(Passwords.tokenHash(token)).doesNotContain(token).hasSize(64);
    }

    @Test
    void shortPasswordsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Passwords.hash("short"))
                .hasMessage("password: at least 12 characters");
    }
}
