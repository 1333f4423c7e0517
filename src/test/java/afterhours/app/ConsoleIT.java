package afterhours.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged jar's console: for bad input every subcommand exits with 2 and writes exactly one line to
 * standard error, saying what is wrong (no library warnings, no stack trace, nothing on standard output).
 */
class ConsoleIT {
    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            status on no database      | status                                                       | error: no database at
            simulate, unknown line     | simulate --line nope --at 2026-12-24T12:00                   | error: unknown line 'nope'
            simulate, bad instant      | simulate --line trygghetscenter --at noon                    | error: --at: expected a date and time
            calls, bad date            | calls --line trygghetscenter --from 2026-13-01 --to 2026-12-31 | error: --from: expected a date yyyy-mm-dd
            calls, bad format          | calls --line trygghetscenter --from 2026-01-01 --to 2026-01-02 --format xml | error: --format: expected json or csv
            stats, backwards range     | stats --line trygghetscenter --from 2026-02-01 --to 2026-01-01 | error: --to: 2026-01-01 is before --from 2026-02-01
            timeline, unknown line     | timeline --line nope --from 2026-01-01 --to 2026-01-02        | error: unknown line 'nope'
            user add, no password      | user add anna --role admin                                   | error: no password on standard input
            user token, bad role       | user token nightly --role king                               | error: --role: expected admin, viewer or contractor, was 'king'
            hash-password, no password | hash-password                                                | error: no password on standard input
            backup, no target          | backup                                                       | error: Missing required option: '--to=FILE'
            restore, no such file      | restore --from nowhere.db                                    | error: nowhere.db: no such backup file
            serve, unknown option      | serve --bogus                                                | error: Unknown option: '--bogus'
            migrate, bad config        | migrate --config missing.yaml                                | error: missing.yaml: no such configuration file
            unknown subcommand         | frobnicate                                                   | error: Unmatched argument at index 0: 'frobnicate'
            """)
    void badInputIsOneLineOnStandardError(String name, String args, String starts) throws Exception {
        boolean migrated = !name.startsWith("status on no database") && !name.startsWith("migrate");
        Path db = dir.resolve(migrated ? "console.db" : "none-" + name.hashCode() + ".db");
        if (migrated && !Files.exists(db)) {
            assertThat(run(db, "migrate").exitCode).isZero();
        }
        Result r = run(db, args.split(" "));
        assertThat(r.exitCode).as(r.err).isEqualTo(2);
        assertThat(r.err.lines().toList()).as("standard error").hasSize(1).first().asString().startsWith(starts);
        assertThat(r.out).as("standard output").isEmpty();
    }

    private record Result(int exitCode, String out, String err) { }

    private static Result run(Path db, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("afterhours.jar", "target/afterhours.jar")));
        command.addAll(List.of(args));
        if (!List.of(args).contains("--config")) {
            command.addAll(List.of("--config", "config/afterhours.yaml"));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        pb.environment().put("AFTERHOURS_DATABASE", db.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }
}
