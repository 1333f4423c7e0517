package afterhours.cli;

import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.config.Databases;
import afterhours.store.Database;
import afterhours.store.StoreException;
import afterhours.users.Accounts;
import afterhours.validation.InvalidField;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The top command: global options and the subcommands. */
@Command(name = "afterhours", mixinStandardHelpOptions = true, version = "afterhours 0.1",
        description = "Switches an office phone line between office hours and forwarding to a security contractor.",
        subcommands = {ServeCommand.class, MigrateCommand.class, SimulateCommand.class, StatusCommand.class, CallsCommand.class,
            StatsCommand.class, TimelineCommand.class, UserCommand.class, HashPasswordCommand.class, BackupCommand.class,
            RestoreCommand.class, SecretKeyCommand.class})
public final class AfterhoursCommand implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).",
            defaultValue = "config/afterhours.yaml", scope = CommandLine.ScopeType.INHERIT)
    Path configFile;

    Map<String, String> env;
    Clock clock;
    PrintStream out;
    InputStream in = System.in;
    ServiceLauncher launcher;

    /** With no subcommand the service runs, as {@code serve}. */
    @Override
    public void run() {
        new ServeCommand(this).run();
    }

    AppConfig config() {
        return ConfigLoader.load(configFile, env);
    }

    /** The configured database for a command that only reads: never created, migrated or seeded. */
    Database readOnlyDatabase() {
        return Databases.openReadOnly(config());
    }

    /**
     * Parses and runs; returns the exit code. Errors are one line on {@code err}; passwords are read from
     * {@code in}; {@code serve} starts the service with {@code launcher}.
     */
    public static int run(String[] args, Map<String, String> env, Clock clock, InputStream in, PrintStream out,
                          PrintStream err, ServiceLauncher launcher) {
        AfterhoursCommand top = new AfterhoursCommand();
        top.launcher = launcher;
        top.in = in;
        top.env = env;
        top.clock = clock;
        top.out = out;
        CommandLine cli = new CommandLine(top);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage() + " (see --help)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, parsed, result) -> {
            // bad input, a bad configuration or a database that is not there: one line saying what to fix
            if (e instanceof UsageError || e instanceof InvalidField || e instanceof StoreException
                    || e instanceof Accounts.NotFound) {
                err.println("error: " + e.getMessage());
                return EXIT_USAGE;
            }
            err.println("error: " + e);
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }
}
