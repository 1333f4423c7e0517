package afterhours.cli;

import afterhours.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process against the shipped sample config and a database in {@code dir}. */
final class Cli {
    record Result(int exitCode, String out, String err) { }

    private final Path dir;

    Cli(Path dir) {
        this.dir = dir;
    }

    Result run(Instant now, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add("config/afterhours.yaml");
        int code = AfterhoursCommand.run(all.toArray(new String[0]),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("cli.db").toString()),
                Clock.fixed(now, ZoneOffset.UTC), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
