package afterhours.admin;

import afterhours.users.Principal;
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
 * the page sends back in a header on every change. Sessions end after {@code IDLE} without use.
 */
final class Sessions {
    static final String COOKIE = "AH_SESSION";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final Duration IDLE = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One logged-in browser. */
    record Session(Principal principal, String csrf, Instant lastUsed) { }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** Opens a session; returns its id. */
    String open(Principal principal) {
        String id = random();
        sessions.put(id, new Session(principal, random(), clock.instant()));
        sessions.values().removeIf(s -> s.lastUsed().plus(IDLE).isBefore(clock.instant()));
        return id;
    }

    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null || s.lastUsed().plus(IDLE).isBefore(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(s.principal(), s.csrf(), clock.instant());
        sessions.put(id, touched);
        return Optional.of(touched);
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
