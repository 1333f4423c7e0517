package afterhours.support;

import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Configurations for tests: the shipped sample, pointed at a database in a temporary directory. */
public final class TestConfigs {
    public static final Path SAMPLE = Path.of("config/afterhours.yaml");

    private TestConfigs() {
    }

    /** The shipped sample configuration with its database in {@code dir}. */
    public static AppConfig sample(Path dir) {
        return ConfigLoader.load(SAMPLE, Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("afterhours.db").toString()));
    }

    /** {@code s} with the admin endpoint on 127.0.0.1 at {@code port}. */
    public static AppConfig withHttp(AppConfig s, int port) {
        return new AppConfig(s.database(), new AppConfig.Http("127.0.0.1", port), s.ami(), s.fastAgi(), s.stateGrace(),
                s.verifyPeriod(), s.watchdogPeriod(), s.lines(), s.callRetention(), s.databaseUrl());
    }

    /** The sample with its database in {@code dir}, AMI at {@code amiPort} (secret labsecret), FastAGI at {@code agiPort}. */
    public static AppConfig withPbx(Path dir, int amiPort, int agiPort, java.time.Duration verify) {
        AppConfig s = sample(dir);
        return new AppConfig(s.database(), s.http(),
                new AppConfig.Ami(true, "127.0.0.1", amiPort, "afterhours", "labsecret", java.time.Duration.ofSeconds(1)),
                new AppConfig.FastAgi("127.0.0.1", agiPort, 10, 200), s.stateGrace(), verify, s.watchdogPeriod(), s.lines(), s.callRetention(), s.databaseUrl());
    }

    /**
     * A switchboard of {@code count} lines without AMI, its database in {@code dir}: ids {@code line-0000} …, the names
     * {@code name} gives, numbers {@code 0540000000} …, the dial strings of the lab's test phones, no holidays and
     * {@code hours} (a YAML list such as {@code ["10:00-15:00"]}) every day of the week.
     */
    public static AppConfig manyLines(Path dir, int count, IntFunction<String> name, String hours) {
        return ConfigLoader.load(write(dir, "many-lines.yaml", "pbx:\n  ami: {enabled: false}\n" + linesYaml(count, name, hours)),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("many-lines.db").toString()));
    }

    /** The {@code lines:} section of {@link #manyLines}, for a configuration that says more (AMI, say). */
    public static String linesYaml(int count, IntFunction<String> name, String hours) {
        StringBuilder yaml = new StringBuilder("lines:\n");
        for (int i = 0; i < count; i++) {
            yaml.append(String.format("  - id: line-%04d%n    name: \"%s\"%n    numbers: [\"054%07d\"]%n", i, name.apply(i), i))
                    .append("    office: Local/office@test-phones\n    contractor: Local/contractor@test-phones\n")
                    .append("    failsafe: Local/failsafe@test-phones\n    holidays: {calendar: none}\n    hours: {");
            for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
                yaml.append(day).append(": ").append(hours).append(day.equals("sunday") ? "}\n" : ", ");
            }
        }
        return yaml.toString();
    }

    /** Writes a YAML file into {@code dir} and returns its path. */
    public static Path write(Path dir, String name, String yaml) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
