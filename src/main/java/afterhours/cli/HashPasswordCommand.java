package afterhours.cli;

import afterhours.users.Passwords;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Prints the bcrypt hash of a password read from standard input. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Print the bcrypt hash of a password read from standard input.")
public final class HashPasswordCommand implements Callable<Integer> {
    @ParentCommand
    AfterhoursCommand top;

    @Override
    public Integer call() {
        top.out.println(Passwords.hash(UserCommand.readPassword(top)));
        return AfterhoursCommand.EXIT_OK;
    }
}
