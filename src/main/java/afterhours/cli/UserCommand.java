package afterhours.cli;

import afterhours.config.Databases;
import afterhours.store.Database;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import afterhours.validation.Choice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Users and API tokens of the admin endpoint. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage admin endpoint users and API tokens.",
        subcommands = {UserCommand.Add.class, UserCommand.Token.class})
public final class UserCommand {
    @ParentCommand
    AfterhoursCommand top;

    /** Reads one line (a password) from standard input. */
    static String readPassword(AfterhoursCommand top) {
        try {
            String line = new BufferedReader(new InputStreamReader(top.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageError("no password on standard input (e.g. read -rs P; echo \"$P\" | afterhours user add ...)");
            }
            return line;
        } catch (IOException e) {
            throw new UsageError("cannot read the password: " + e.getMessage());
        }
    }

    /** Opens the configured database (created or upgraded if need be; no lines are seeded) and works on its users. */
    static void users(AfterhoursCommand top, Consumer<UserStore> work) {
        try (Database db = Databases.open(top.config())) {
            work.accept(new UserStore(db));
        }
    }

    /** {@code --role ROLE}, shared by the user subcommands. */
    static final class RoleOption {
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, viewer or contractor.")
        String text;

        Role role() {
            return Choice.of(Role.values(), Role::key, text, "--role");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add (or reset) a user; the password is read from standard input and stored as a bcrypt hash.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UserCommand user;

        @Parameters(paramLabel = "NAME", description = "Login name.")
        String name;

        @Mixin
        RoleOption role;

        @Override
        public Integer call() {
            AfterhoursCommand top = user.top;
            Role r = role.role();
            String hash = Passwords.hash(readPassword(top));
            users(top, store -> store.put(name, r, hash, top.clock.instant()));
            top.out.println("User " + name + " (" + r.key() + ") saved. Restart the service if its admin endpoint was not running.");
            return AfterhoursCommand.EXIT_OK;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Create an API token for scripts; it is printed once and stored only as a hash.")
    static final class Token implements Callable<Integer> {
        @ParentCommand
        UserCommand user;

        @Parameters(paramLabel = "LABEL", description = "What the token is for, e.g. backup-script.")
        String label;

        @Mixin
        RoleOption role;

        @Override
        public Integer call() {
            AfterhoursCommand top = user.top;
            Role r = role.role();
            String token = Passwords.newToken();
            users(top, store -> store.addToken(label, r, Passwords.tokenHash(token), top.clock.instant()));
            top.out.println(token);
            return AfterhoursCommand.EXIT_OK;
        }
    }
}
