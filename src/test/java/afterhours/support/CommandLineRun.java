package afterhours.support;

import afterhours.app.Afterhours;
import afterhours.cli.AfterhoursCommand;
import afterhours.config.ConfigLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The command line run in-process on a running service's database file, with the shipped sample configuration: it
 * opens its own connections to the file, as the command run in another process does, so what the service learns
 * of its changes it learns from the database alone.
 */
public record CommandLineRun(int exitCode, String out, String err) {
    /** Runs {@code args} with {@code stdin} as standard input (a password line, or ""). */
    public static CommandLineRun on(Path database, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = Stream.concat(Arrays.stream(args), Stream.of("--config", TestConfigs.SAMPLE.toString()))
                .toArray(String[]::new);
        int code = AfterhoursCommand.run(all, Map.of(ConfigLoader.ENV_DATABASE, database.toString()), Clock.systemUTC(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Afterhours::serve);
        return new CommandLineRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
