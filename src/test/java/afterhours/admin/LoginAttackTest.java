package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.json.Json;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.MovableClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attackers against the admin endpoint over real HTTP, each from its own address (the endpoint behind a proxy it
 * trusts, which names the client in X-Forwarded-For), on a clock the test moves: whatever they guess, the real
 * admin and the contractor's calendar feed, from their own addresses, get in every time.
 */
class LoginAttackTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String FEED = "/api/v1/lines/trygghetscenter/calendar.ics?token=";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private MovableClock clock;
    private Afterhours app;
    private String base;
    private String feedToken;

    @BeforeEach
    void start() {
        AppConfig s = TestConfigs.sample(dir);
        int port = Ports.free();
        AppConfig config = new AppConfig(s.database(), new AppConfig.Http("127.0.0.1", port, "127.0.0.1"), s.ami(), s.fastAgi(),
                s.stateGrace(), s.verifyPeriod(), s.watchdogPeriod(), s.lines(), s.callRetention(), s.databaseUrl());
        clock = new MovableClock(T0);
        app = Afterhours.open(config, new LoggingPbxGateway(), clock);
        app.start();
        UserStore users = new UserStore(app.database());
        users.put("anna", Role.ADMIN, Passwords.hash(PASSWORD), T0);
        feedToken = Passwords.newToken();
        users.addToken("contractor-calendar", Role.CONTRACTOR, Passwords.tokenHash(feedToken), T0);
        app.startAdmin();
        base = "http://127.0.0.1:" + port;
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> get(String path, String from, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("X-Forwarded-For", from);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String from, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("X-Forwarded-For", from)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"anna\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String anna(String password) {
        return LoginThrottleTest.basic("anna", password);
    }

    /** Guards "anyone can keep the real admin from logging in": 12 wrong passwords from one address. */
    @Test
    void twelveWrongPasswordsFromOneAddressDoNotKeepTheAdminOutElsewhere() throws Exception {
        for (int i = 0; i < 12; i++) {
            get("/api/v1/status", "203.0.113.66", anna("guess" + i));
        }
        HttpResponse<String> attacker = get("/api/v1/status", "203.0.113.66", anna(PASSWORD));
        assertThat(attacker.statusCode()).isEqualTo(429);
        assertThat(get("/api/v1/status", "198.51.100.7", anna(PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(login("198.51.100.7", PASSWORD).statusCode()).isEqualTo(200);
    }

    /** Guards "bogus tokens from anyone hold up every valid token": five bogus tokens from five addresses. */
    @Test
    void bogusTokensFromFiveAddressesDoNotHoldUpTheContractorsFeed() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertThat(get(FEED + "ah_bogus" + i, "203.0.113." + i, null).statusCode()).isEqualTo(401);
        }
        assertThat(get(FEED + feedToken, "198.51.100.9", null).statusCode()).isEqualTo(200);
    }

    /** Each 429 says which limit it is, with its own code, and when to come back. */
    @Test
    void eachRefusalNamesItsLimit() throws Exception {
        for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
            assertThat(get("/api/v1/status", "203.0.113.66", "Bearer ah_bogus" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> backoff = get("/api/v1/status", "203.0.113.66", "Bearer ah_bogus");
        assertThat(backoff.statusCode()).isEqualTo(429);
        assertThat(backoff.headers().firstValue("Retry-After")).contains("1");
        JsonNode body = Json.MAPPER.readTree(backoff.body());
        assertThat(body.get("code").asText()).isEqualTo("login_backoff");
        assertThat(body.get("params").get("seconds").asInt()).isEqualTo(1);
        for (int i = LoginThrottle.FREE_FAILURES + 1; i < LoginThrottle.LOCKOUT_FAILURES; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(get("/api/v1/status", "203.0.113.66", "Bearer ah_bogus" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> lockout = login("203.0.113.66", PASSWORD);
        assertThat(lockout.statusCode()).isEqualTo(429);
        body = Json.MAPPER.readTree(lockout.body());
        assertThat(body.get("code").asText()).isEqualTo("login_lockout");
        assertThat(body.get("params").get("failures").asInt()).isEqualTo(LoginThrottle.LOCKOUT_FAILURES);
        assertThat(body.get("params").get("seconds").asLong()).isEqualTo(Duration.ofMinutes(4).toSeconds());
        assertThat(lockout.headers().firstValue("Retry-After")).contains("240");
    }

    /**
     * An attacker guesses the admin's password, and another presents bogus tokens, each at one guess per backoff
     * period (the fastest the endpoint lets them) for ten minutes; every ten seconds in between the admin logs in
     * and calls the API, and the contractor's calendar fetches its feed, each from their own address.
     */
    @Test
    void anAttackerAtTheLimitForTenMinutesNeverKeepsTheAdminOrTheFeedOut() throws Exception {
        Instant end = T0.plus(Duration.ofMinutes(10));
        Instant nextGuess = T0;
        Instant nextUser = T0;
        int guessesChecked = 0;
        int tokensChecked = 0;
        int backoffs = 0;
        int lockouts = 0;
        int userTries = 0;
        int userSuccesses = 0;
        int feedSuccesses = 0;
        while (clock.instant().isBefore(end)) {
            if (!nextGuess.isAfter(clock.instant())) {
                HttpResponse<String> guess = get("/api/v1/status", "203.0.113.66", anna("guess" + guessesChecked));
                HttpResponse<String> bogus = get(FEED + "ah_bogus" + tokensChecked, "203.0.113.77", null);
                guessesChecked += guess.statusCode() == 401 ? 1 : 0;
                tokensChecked += bogus.statusCode() == 401 ? 1 : 0;
                long wait = 0;
                for (HttpResponse<String> r : java.util.List.of(guess, bogus)) {
                    if (r.statusCode() == 429) {
                        String code = Json.MAPPER.readTree(r.body()).get("code").asText();
                        backoffs += code.equals("login_backoff") ? 1 : 0;
                        lockouts += code.equals("login_lockout") ? 1 : 0;
                        wait = Math.max(wait, Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()));
                    } else {
                        assertThat(r.statusCode()).isEqualTo(401);
                    }
                }
                nextGuess = clock.instant().plusSeconds(wait);
            }
            if (!nextUser.isAfter(clock.instant())) {
                userTries++;
                boolean api = get("/api/v1/status", "198.51.100.7", anna(PASSWORD)).statusCode() == 200;
                boolean page = login("198.51.100.7", PASSWORD).statusCode() == 200;
                userSuccesses += api && page ? 1 : 0;
                feedSuccesses += get(FEED + feedToken, "198.51.100.9", null).statusCode() == 200 ? 1 : 0;
                nextUser = clock.instant().plusSeconds(10);
            }
            Instant next = nextGuess.isBefore(nextUser) ? nextGuess : nextUser;
            clock.advance(Duration.between(clock.instant(), next.isAfter(clock.instant()) ? next : clock.instant()));
        }
        System.out.printf("Attacker at the limit for 10 min: %d passwords and %d tokens checked, refused %d times with"
                + " login_backoff and %d with login_lockout; the admin got in %d of %d times (API and page), the feed %d of %d%n",
                guessesChecked, tokensChecked, backoffs, lockouts, userSuccesses, userTries, feedSuccesses, userTries);
        assertThat(userTries).isEqualTo(60);
        assertThat(userSuccesses).as("the admin, every time").isEqualTo(userTries);
        assertThat(feedSuccesses).as("the contractor's feed, every time").isEqualTo(userTries);
        assertThat(guessesChecked).as("at most ten passwords checked in ten minutes").isEqualTo(LoginThrottle.LOCKOUT_FAILURES);
        assertThat(tokensChecked).isEqualTo(LoginThrottle.LOCKOUT_FAILURES);
        assertThat(lockouts).isPositive();
    }
}
