package afterhours.admin;

import afterhours.users.Principal;
import afterhours.users.UserStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins of the web page: a random session id in an HttpOnly, SameSite=Strict cookie, and a CSRF token
 * the page sends back in a header on every change. Sessions end after {@code IDLE} without use, and at once
 * when their user's role or password changes or the user is removed, by the API or by the command line in
 * another process: every use compares the user's stamp in the database (one read by primary key) with the
 * one the session was opened with.
 */
final class Sessions {
    static final String COOKIE = "AH_SESSION";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final Duration IDLE = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One logged-in browser; {@code stamp} is its user's {@link UserStore.User#stamp()} at the login. */
    record Session(Principal principal, String csrf, Instant lastUsed, String stamp) { }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final UserStore users;

    Sessions(Clock clock, UserStore users) {
        this.clock = clock;
        this.users = users;
    }

    /** Opens a session for a user who just logged in; returns its id, or empty when the user is gone meanwhile. */
    Optional<String> open(Principal principal) {
        Optional<String> stamp = users.find(principal.name()).map(UserStore.User::stamp);
        if (stamp.isEmpty()) {
            return Optional.empty();
        }
        String id = random();
        sessions.put(id, new Session(principal, random(), clock.instant(), stamp.get()));
        sessions.values().removeIf(s -> s.lastUsed().plus(IDLE).isBefore(clock.instant()));
        return Optional.of(id);
    }

    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null || s.lastUsed().plus(IDLE).isBefore(clock.instant()) || !current(s)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(s.principal(), s.csrf(), clock.instant(), s.stamp());
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    /** Whether the session's user still has the role and password it logged in with. */
    private boolean current(Session s) {
        return users.find(s.principal().name()).map(UserStore.User::stamp).filter(s.stamp()::equals).isPresent();
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
