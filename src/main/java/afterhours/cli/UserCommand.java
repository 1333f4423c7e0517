package afterhours.cli;

import afterhours.audit.AuditLog;
import afterhours.config.Databases;
import afterhours.store.Database;
import afterhours.users.Accounts;
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
        subcommands = {UserCommand.Add.class, UserCommand.Remove.class, UserCommand.ListAll.class, UserCommand.Token.class,
            UserCommand.Revoke.class})
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

    /**
     * Opens the configured database (created or upgraded if need be; no lines are seeded) and works on its users
     * with the same rules as the API (the last admin kept); every change is audited as the command line's.
     */
    static void accounts(AfterhoursCommand top, Consumer<Accounts> work) {
        try (Database db = Databases.open(top.config())) {
            work.accept(new Accounts(new UserStore(db), new AuditLog(db)));
        }
    }

    /** {@code --role ROLE}, shared by the user subcommands. */
    static final class RoleOption {
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, viewer, contractor or reception.")
        String text;

        Role role() {
            return Choice.of(Role.values(), Role::key, text, "--role");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user, or give an existing one this role and password (a running service ends their"
                    + " sessions); the password is read from standard input and stored as a bcrypt hash.")
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
            String password = readPassword(top);
            accounts(top, a -> a.save(Accounts.Actor.COMMAND_LINE, name, r, password, top.clock.instant()));
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
            accounts(top, a -> top.out.println(a.createToken(Accounts.Actor.COMMAND_LINE, label, r, top.clock.instant()).secret()));
            return AfterhoursCommand.EXIT_OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a user (never the last admin); a running service ends their sessions at once.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        UserCommand user;

        @Parameters(paramLabel = "NAME", description = "Login name.")
        String name;

        @Override
        public Integer call() {
            AfterhoursCommand top = user.top;
            accounts(top, a -> a.remove(Accounts.Actor.COMMAND_LINE, name, top.clock.instant()));
            top.out.println("User " + name + " removed.");
            return AfterhoursCommand.EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and the API tokens (never a secret).")
    static final class ListAll implements Callable<Integer> {
        @ParentCommand
        UserCommand user;

        @Override
        public Integer call() {
            AfterhoursCommand top = user.top;
            accounts(top, a -> {
                a.users().forEach(u -> top.out.println("user  " + u.name() + "  " + u.role().key()));
                a.tokens().forEach(t -> top.out.println("token " + t.id() + "  " + t.label() + "  " + t.role().key()));
            });
            return AfterhoursCommand.EXIT_OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API token by its id (see 'user list').")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        UserCommand user;

        @Parameters(paramLabel = "ID", description = "The token's id.")
        long id;

        @Override
        public Integer call() {
            AfterhoursCommand top = user.top;
            accounts(top, a -> a.revokeToken(Accounts.Actor.COMMAND_LINE, id, top.clock.instant()));
            top.out.println("Token " + id + " revoked.");
            return AfterhoursCommand.EXIT_OK;
        }
    }
}
