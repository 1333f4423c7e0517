package afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.audit.AuditLog;
import afterhours.config.ConfigLoader;
import afterhours.store.Database;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCommandTest {
    @TempDir
    Path dir;

    private String[] run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = "config/afterhours.yaml";
        int code = AfterhoursCommand.run(all, Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("u.db").toString()),
                Clock.systemUTC(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true), new PrintStream(err, true), afterhours.app.Afterhours::serve);
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void addsAUserWithAHashedPasswordReadFromStandardInput() {
        String[] r = run("correct horse battery staple\n", "user", "add", "anna", "--role", "admin");
        assertThat(r[0]).isEqualTo("0");
        UserStore.User anna = new UserStore(Database.open(dir.resolve("u.db"))).find("anna").orElseThrow();
        assertThat(anna.role()).isEqualTo(Role.ADMIN);
        assertThat(anna.passwordHash()).startsWith("$2a$12$").doesNotContain("horse");
        assertThat(Passwords.matches("correct horse battery staple", anna.passwordHash())).isTrue();
    }

    @Test
    void refusesShortPasswordsAndUnknownRoles() {
        assertThat(run("short\n", "user", "add", "anna", "--role", "admin")).containsExactly("2", "",
                "error: password: at least 12 characters\n");
        assertThat(run("correct horse battery staple\n", "user", "add", "anna", "--role", "king")[2].strip())
                .isEqualTo("error: --role: expected admin, viewer, contractor or reception, was 'king'");
        assertThat(run("", "user", "add", "anna", "--role", "admin")[2]).startsWith("error: no password on standard input");
    }

    @Test
    void createsATokenShownOnce() {
        String[] r = run("", "user", "token", "nightly-export", "--role", "viewer");
        assertThat(r[0]).isEqualTo("0");
        String token = r[1].strip();
        assertThat(token).startsWith("ah_").hasSizeGreaterThan(40);
        assertThat(new UserStore(Database.open(dir.resolve("u.db"))).findToken(Passwords.tokenHash(token))).isPresent();
    }

    @Test
    void listsRemovesAndRevokesWithTheApisRulesAndAuditsAsTheCommandLine() {
        assertThat(run("correct horse battery staple\n", "user", "add", "anna", "--role", "admin")[0]).isEqualTo("0");
        assertThat(run("correct horse battery staple\n", "user", "add", "vera", "--role", "viewer")[0]).isEqualTo("0");
        String token = run("", "user", "token", "nightly-export", "--role", "viewer")[1].strip();
        assertThat(run("", "user", "list")).containsExactly("0",
                "user  anna  admin\nuser  vera  viewer\ntoken 1  nightly-export  viewer\n", "");
        assertThat(run("", "user", "list")[1]).doesNotContain(token, Passwords.tokenHash(token), "$2a$");

        assertThat(run("", "user", "remove", "anna")).containsExactly("2", "",
                "error: name: anna is the last admin and cannot be removed: make another admin first\n");
        assertThat(run("correct horse battery staple\n", "user", "add", "anna", "--role", "viewer")[2])
                .isEqualTo("error: role: anna is the last admin and cannot be demoted: make another admin first\n");
        assertThat(run("", "user", "token", "two\nlines", "--role", "viewer")[2])
                .isEqualTo("error: label: must not contain control characters (U+000A at position 4)\n");
        assertThat(run("", "user", "remove", "vera")).containsExactly("0", "User vera removed.\n", "");
        assertThat(run("", "user", "remove", "vera")).containsExactly("2", "", "error: no user 'vera'\n");
        assertThat(run("", "user", "revoke", "1")).containsExactly("0", "Token 1 revoked.\n", "");
        assertThat(run("", "user", "revoke", "1")).containsExactly("2", "", "error: no API token 1\n");
        assertThat(run("", "user", "list")[1]).isEqualTo("user  anna  admin\n");

        var trail = new AuditLog(Database.open(dir.resolve("u.db"))).recent(20).stream()
                .map(e -> e.actor() + " " + e.action()).toList();
        assertThat(trail).containsExactly("command line token-revoked", "command line user-removed", "command line token-created",
                "command line user-added", "command line user-added");
    }

    @Test
    void hashPassword() {
        String[] r = run("correct horse battery staple\n", "hash-password");
        assertThat(Passwords.matches("correct horse battery staple", r[1].strip())).isTrue();
    }
}
