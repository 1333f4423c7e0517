package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.audit.AuditLog;
import afterhours.json.Json;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.CommandLineRun;
import afterhours.support.LogCapture;
import afterhours.support.OffsetClock;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Users and tokens over the API, with the command line's rules, on a real SQLite file over real HTTP; and sessions
 * that end when their user's role or password changes or the user goes, whether the API or the command line
 * (its own connection to the database, as another process has) made the change.
 */
class UsersApiTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    private Afterhours app;
    private LogCapture logs;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeEach
    void start() {
        int port = Ports.free();
        app = Afterhours.open(TestConfigs.withHttp(TestConfigs.sample(dir), port), new LoggingPbxGateway(),
                OffsetClock.startingAt(Instant.parse("2026-11-25T11:00:00Z")));
        app.start();
        UserStore users = new UserStore(app.database());
        String hash = Passwords.hash(PASSWORD);
        users.put("anna", Role.ADMIN, hash, Instant.now());
        users.put("olga", Role.ADMIN, hash, Instant.now());
        users.put("vera", Role.VIEWER, hash, Instant.now());
        app.startAdmin();
        base = "http://127.0.0.1:" + port;
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        app.close();
    }

    private HttpResponse<String> send(String method, String path, String user, String password, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (user != null) {
            b.header("Authorization", user.startsWith("ah_") ? "Bearer " + user
                    : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        return send(method, path, user, PASSWORD, body);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    /** name → role, as the API lists them. */
    private Map<String, String> users() throws Exception {
        return StreamSupport.stream(json(send("GET", "/api/v1/users", "anna", null)).spliterator(), false)
                .collect(Collectors.toMap(u -> u.get("name").asText(), u -> u.get("role").asText()));
    }

    /** Everything in the audit trail and the database file, as text. */
    private String auditAndDatabase() throws Exception {
        String audit = new AuditLog(app.database()).recent(1000).toString();
        return audit + "\n" + new String(Files.readAllBytes(dir.resolve("afterhours.db")), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anAdminAddsListsChangesAndRemovesUsers() throws Exception {
        HttpResponse<String> added = send("POST", "/api/v1/users", "anna",
                "{\"name\":\"rita\",\"role\":\"reception\",\"password\":\"rita's own long password\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(added).get("name").asText()).isEqualTo("rita");
        assertThat(json(added).has("password")).as("a password given is not answered back").isFalse();
        assertThat(send("GET", "/api/v1/status", "rita", "rita's own long password", null).statusCode()).isEqualTo(200);

        HttpResponse<String> generated = send("POST", "/api/v1/users", "anna", "{\"name\":\"kent\",\"role\":\"contractor\"}");
        assertThat(generated.statusCode()).isEqualTo(201);
        String kentsPassword = json(generated).get("password").asText();
        assertThat(kentsPassword).hasSizeGreaterThanOrEqualTo(Passwords.MIN_LENGTH);
        assertThat(send("GET", "/api/v1/status", "kent", kentsPassword, null).statusCode()).isEqualTo(200);

        assertThat(users()).containsExactlyInAnyOrderEntriesOf(Map.of("anna", "admin", "olga", "admin", "vera", "viewer",
                "rita", "reception", "kent", "contractor"));
        assertThat(send("GET", "/api/v1/users", "anna", null).body()).doesNotContain("$2a$", "hash");

        HttpResponse<String> promoted = send("PATCH", "/api/v1/users/vera", "anna", "{\"role\":\"admin\"}");
        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(json(promoted).get("role").asText()).isEqualTo("admin");
        assertThat(json(promoted).has("password")).isFalse();

        HttpResponse<String> reset = send("PATCH", "/api/v1/users/kent", "anna", "{\"generatePassword\":true}");
        assertThat(reset.statusCode()).isEqualTo(200);
        String newPassword = json(reset).get("password").asText();
        assertThat(newPassword).isNotEqualTo(kentsPassword);
        assertThat(send("GET", "/api/v1/status", "kent", kentsPassword, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/status", "kent", newPassword, null).statusCode()).isEqualTo(200);
        assertThat(send("PATCH", "/api/v1/users/kent", "anna", "{\"password\":\"kent chose this one\",\"role\":\"viewer\"}")
                .statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/calls?x", "kent", "kent chose this one", null).statusCode()).isNotEqualTo(401);
        assertThat(users()).containsEntry("kent", "viewer");

        assertThat(send("DELETE", "/api/v1/users/rita", "anna", null).statusCode()).isEqualTo(204);
        assertThat(users()).doesNotContainKey("rita");
        assertThat(send("GET", "/api/v1/status", "rita", "rita's own long password", null).statusCode()).isEqualTo(401);

        var trail = new AuditLog(app.database()).recent(50).stream().filter(e -> e.action().startsWith("user-"))
                .map(e -> e.actor() + " " + e.action() + " " + e.before() + " " + e.after()).toList();
        assertThat(trail).contains(
                "anna user-added null {\"name\":\"rita\",\"role\":\"reception\"}",
                "anna user-role-changed {\"name\":\"vera\",\"role\":\"viewer\"} {\"name\":\"vera\",\"role\":\"admin\"}",
                "anna user-password-reset null {\"name\":\"kent\"}",
                "anna user-removed {\"name\":\"rita\",\"role\":\"reception\"} null");
        assertThat(auditAndDatabase()).doesNotContain("rita's own long password", kentsPassword, newPassword, "kent chose this one");
        assertThat(logs.all()).doesNotContain("rita's own long password", kentsPassword, newPassword, "kent chose this one");
    }

    @Test
    void aTokensSecretIsShownOnceAndOnlyItsHashIsKept() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/tokens", "anna", "{\"label\":\"nightly export\",\"role\":\"viewer\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String secret = json(created).get("token").asText();
        long id = json(created).get("id").asLong();
        assertThat(secret).startsWith("ah_");
        assertThat(send("GET", "/api/v1/lines", secret, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/users", secret, null).statusCode()).as("a viewer's token").isEqualTo(403);

        HttpResponse<String> listed = send("GET", "/api/v1/tokens", "anna", null);
        assertThat(json(listed).get(0).get("label").asText()).isEqualTo("nightly export");
        assertThat(json(listed).get(0).get("role").asText()).isEqualTo("viewer");
        assertThat(listed.body()).doesNotContain(secret, Passwords.tokenHash(secret));
        assertThat(auditAndDatabase()).doesNotContain(secret).contains(Passwords.tokenHash(secret));
        assertThat(logs.all()).doesNotContain(secret);

        assertThat(send("DELETE", "/api/v1/tokens/" + id, "anna", null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/lines", secret, null).statusCode()).isEqualTo(401);
        assertThat(json(send("GET", "/api/v1/tokens", "anna", null))).isEmpty();
        assertThat(send("DELETE", "/api/v1/tokens/" + id, "anna", null).statusCode()).isEqualTo(404);
        assertThat(new AuditLog(app.database()).recent(10).stream().map(AuditLog.Entry::action))
                .contains("token-created", "token-revoked");
    }

    @Test
    void anAdminTokenManagesUsersButIsNoAccountOfItsOwn() throws Exception {
        String token = json(send("POST", "/api/v1/tokens", "anna", "{\"label\":\"olga\",\"role\":\"admin\"}")).get("token").asText();
        // labelled like a user, still not that user: it may demote olga, since anna stays admin
        assertThat(send("PATCH", "/api/v1/users/olga", token, "{\"role\":\"viewer\"}").statusCode()).isEqualTo(200);
        // and it never removes the last admin
        HttpResponse<String> last = send("DELETE", "/api/v1/users/anna", token, null);
        assertThat(last.statusCode()).isEqualTo(400);
        assertThat(json(last).get("code").asText()).isEqualTo("last_admin");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', textBlock = """
            short password       ¦ POST   ¦ /api/v1/users      ¦ {"name":"rita","role":"viewer","password":"short"}    ¦ password         ¦ too_short          ¦ {"min":12,"length":5}
            password over 72 bytes ¦ POST ¦ /api/v1/users      ¦ {"name":"rita","role":"viewer","password":"ååååååååååååååååååååååååååååååååååååååå"} ¦ password ¦ password_bytes ¦ {"max":72,"bytes":78}
            bad name             ¦ POST   ¦ /api/v1/users      ¦ {"name":"rita svensson","role":"viewer"}             ¦ name             ¦ user_name          ¦ {"value":"rita svensson"}
            no name              ¦ POST   ¦ /api/v1/users      ¦ {"role":"viewer"}                                    ¦ name             ¦ required           ¦ {}
            bad role             ¦ POST   ¦ /api/v1/users      ¦ {"name":"rita","role":"king"}                         ¦ role             ¦ one_of             ¦ {"allowed":["admin","viewer","contractor","reception"],"value":"king"}
            name taken           ¦ POST   ¦ /api/v1/users      ¦ {"name":"vera","role":"admin"}                        ¦ name             ¦ user_taken         ¦ {"value":"vera"}
            unknown key          ¦ POST   ¦ /api/v1/users      ¦ {"name":"rita","role":"viewer","colour":"red"}        ¦ colour           ¦ unknown_key        ¦ {"key":"colour","known":["name","password","role"]}
            own demotion         ¦ PATCH  ¦ /api/v1/users/anna ¦ {"role":"viewer"}                                    ¦ role             ¦ own_account        ¦ {"value":"anna"}
            own removal          ¦ DELETE ¦ /api/v1/users/anna ¦ -                                                    ¦ name             ¦ own_account        ¦ {"value":"anna"}
            password and generated ¦ PATCH ¦ /api/v1/users/vera ¦ {"password":"a long enough one","generatePassword":true} ¦ generatePassword ¦ not_both ¦ {"other":"password"}
            nothing to change    ¦ PATCH  ¦ /api/v1/users/vera ¦ {}                                                   ¦ role             ¦ required           ¦ {}
            role and short password ¦ PATCH ¦ /api/v1/users/vera ¦ {"role":"admin","password":"short"}               ¦ password         ¦ too_short          ¦ {"min":12,"length":5}
            label missing        ¦ POST   ¦ /api/v1/tokens     ¦ {"role":"viewer"}                                    ¦ label            ¦ required           ¦ {}
            label with a newline ¦ POST   ¦ /api/v1/tokens     ¦ {"label":"a\\nb","role":"viewer"}                     ¦ label            ¦ control_character  ¦ {"character":"U+000A","position":2}
            label too long       ¦ POST   ¦ /api/v1/tokens     ¦ {"label":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","role":"viewer"} ¦ label ¦ too_long ¦ {"max":64,"length":65}
            token without role   ¦ POST   ¦ /api/v1/tokens     ¦ {"label":"x"}                                        ¦ role             ¦ required           ¦ {}
            bad token id         ¦ DELETE ¦ /api/v1/tokens/x   ¦ -                                                    ¦ id               ¦ whole_number       ¦ {"min":1,"max":9223372036854775807,"value":"x"}
            """)
    void refusalsNameTheFieldAndChangeNothing(String name, String method, String path, String body, String field,
                                              String code, String params) throws Exception {
        String before = send("GET", "/api/v1/users", "anna", null).body() + send("GET", "/api/v1/tokens", "anna", null).body();
        HttpResponse<String> r = send(method, path, "anna", body.equals("-") ? null : body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = json(r);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("params")).isEqualTo(Json.MAPPER.readTree(params));
        assertThat(send("GET", "/api/v1/users", "anna", null).body() + send("GET", "/api/v1/tokens", "anna", null).body())
                .isEqualTo(before);
        assertThat(r.body()).doesNotContain("a long enough one");
    }

    @Test
    void theLastAdminIsNeverRemovedOrDemoted() throws Exception {
        assertThat(send("DELETE", "/api/v1/users/olga", "anna", null).statusCode()).isEqualTo(204);
        String token = json(send("POST", "/api/v1/tokens", "anna", "{\"label\":\"ops\",\"role\":\"admin\"}")).get("token").asText();
        for (HttpResponse<String> r : new HttpResponse[] {send("PATCH", "/api/v1/users/anna", token, "{\"role\":\"viewer\"}"),
                send("DELETE", "/api/v1/users/anna", token, null)}) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("code").asText()).isEqualTo("last_admin");
            assertThat(json(r).get("params").get("value").asText()).isEqualTo("anna");
        }
        assertThat(users()).containsEntry("anna", "admin");
        // nor by the command line
        CommandLineRun cli = cli("correct horse battery staple\n", "user", "add", "anna", "--role", "viewer");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: role: anna is the last admin and cannot be demoted: make another admin first\n");
        assertThat(cli("", "user", "remove", "anna").err()).startsWith("error: name: anna is the last admin");
        assertThat(users()).containsEntry("anna", "admin");
    }

    @Test
    void unknownUsersAndTokensAreNotFound() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {send("PATCH", "/api/v1/users/nobody", "anna", "{\"role\":\"viewer\"}"),
                send("DELETE", "/api/v1/users/nobody", "anna", null), send("DELETE", "/api/v1/tokens/99", "anna", null)}) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).get("code").asText()).isEqualTo("not_found");
        }
    }

    // sessions follow the user

    private record Login(String cookie, String csrf) { }

    private Login login(String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new Login(cookie.substring(0, cookie.indexOf(';')), json(r).get("csrf").asText());
    }

    private int asSession(Login login, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", login.cookie())
                .header("X-CSRF-Token", login.csrf()).header("X-Requested-With", "page")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The command line on the service's database file, with its own connections to it, as another process has. */
    private CommandLineRun cli(String stdin, String... args) {
        return CommandLineRun.on(dir.resolve("afterhours.db"), stdin, args);
    }

    @Test
    void anOpenSessionEndsWhenTheCommandLineChangesItsUsersRole() throws Exception {
        Login olga = login("olga");
        Login anna = login("anna");
        assertThat(asSession(olga, "GET", "/api/v1/users", null)).isEqualTo(200);
        assertThat(cli(PASSWORD + "\n", "user", "add", "olga", "--role", "viewer").exitCode()).isEqualTo(0);
        assertThat(asSession(olga, "GET", "/api/v1/users", null)).isEqualTo(401);
        assertThat(asSession(olga, "GET", "/api/v1/status", null)).as("ended, not merely demoted").isEqualTo(401);
        assertThat(asSession(anna, "GET", "/api/v1/users", null)).as("another user's session goes on").isEqualTo(200);
        // a new login has the new role
        assertThat(asSession(login("olga"), "GET", "/api/v1/users", null)).isEqualTo(403);
    }

    @Test
    void anOpenSessionEndsWhenTheCommandLineResetsThePasswordOrRemovesTheUser() throws Exception {
        Login olga = login("olga");
        assertThat(cli("a brand new password\n", "user", "add", "olga", "--role", "admin").exitCode()).isEqualTo(0);
        assertThat(asSession(olga, "GET", "/api/v1/status", null)).isEqualTo(401);
        Login vera = login("vera");
        assertThat(cli("", "user", "remove", "vera").exitCode()).isEqualTo(0);
        assertThat(asSession(vera, "GET", "/api/v1/status", null)).isEqualTo(401);
    }

    @Test
    void anOpenSessionEndsWhenTheApiChangesItsUsersRoleOrPasswordOrRemovesIt() throws Exception {
        Login anna = login("anna");
        Login olga = login("olga");
        assertThat(asSession(anna, "PATCH", "/api/v1/users/olga", "{\"role\":\"viewer\"}")).isEqualTo(200);
        assertThat(asSession(olga, "GET", "/api/v1/status", null)).isEqualTo(401);

        Login vera = login("vera");
        assertThat(asSession(anna, "PATCH", "/api/v1/users/vera", "{\"password\":\"another long password\"}")).isEqualTo(200);
        assertThat(asSession(vera, "GET", "/api/v1/status", null)).isEqualTo(401);

        Login olgaAgain = login("olga");
        assertThat(asSession(anna, "DELETE", "/api/v1/users/olga", null)).isEqualTo(204);
        assertThat(asSession(olgaAgain, "GET", "/api/v1/status", null)).isEqualTo(401);
        HttpResponse<String> who = http.send(HttpRequest.newBuilder(URI.create(base + "/session")).header("Cookie", olgaAgain.cookie())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(who).get("loggedIn").asBoolean()).isFalse();
        assertThat(asSession(anna, "GET", "/api/v1/users", null)).as("the admin who made the changes is still in").isEqualTo(200);
    }
}
