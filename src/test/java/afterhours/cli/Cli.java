package afterhours.cli;

import afterhours.app.Afterhours;
import afterhours.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
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

    /** Creates the database and seeds the sample line, as the first start would; returns this. */
    Cli migrated(Instant now) {
        Result r = run(now, "migrate");
        if (r.exitCode() != 0) {
            throw new AssertionError("migrate failed: " + r.err());
        }
        return this;
    }

    Result run(Instant now, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add("config/afterhours.yaml");
        int code = AfterhoursCommand.run(all.toArray(new String[0]),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("cli.db").toString()),
                Clock.fixed(now, ZoneOffset.UTC), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Afterhours::serve);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
