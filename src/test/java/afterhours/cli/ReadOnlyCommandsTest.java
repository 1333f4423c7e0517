package afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.calllog.CallQueryTestData;
import afterhours.calllog.CallStore;
import afterhours.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that only read never create, migrate, seed or write the database. */
class ReadOnlyCommandsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void readingCommandsLeaveTheDatabaseFileByteIdentical() throws Exception {
        Cli cli = new Cli(dir).migrated(NOW);
        try (Database db = Database.open(dir.resolve("cli.db"))) {
            CallQueryTestData.twoCallsOn25November(new CallStore(db));
            // fold the WAL into the file, as a stopped service leaves it
            db.read("checkpoint", c -> c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        Path file = dir.resolve("cli.db");
        String before = digest(file);
        List<String[]> commands = List.of(
                new String[] {"status"},
                new String[] {"status", "--json"},
                new String[] {"simulate", "--line", "trygghetscenter", "--at", "2026-12-24T12:00"},
                new String[] {"calls", "--line", "trygghetscenter", "--from", "2026-11-25", "--to", "2026-11-25"},
                new String[] {"calls", "--line", "trygghetscenter", "--from", "2026-11-25", "--to", "2026-11-25", "--format", "csv"},
                new String[] {"stats", "--line", "trygghetscenter", "--from", "2026-11-01", "--to", "2026-11-30"},
                new String[] {"timeline", "--line", "trygghetscenter", "--from", "2026-11-24", "--to", "2026-11-26"});
        for (String[] command : commands) {
            Cli.Result r = cli.run(NOW, command);
            assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", command)).isNotBlank();
            assertThat(digest(file)).as("the database after " + String.join(" ", command)).isEqualTo(before);
        }
    }

    @Test
    void aMissingDatabaseIsNamedAndNotCreated() {
        Cli.Result r = new Cli(dir).run(NOW, "status");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: no database at ").contains("cli.db yet: start the service once")
                .contains("afterhours migrate");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(dir.resolve("cli.db")).doesNotExist();
    }

    @Test
    void aDatabaseOlderThanTheBuildIsNamedAndLeftAlone() throws Exception {
        new Cli(dir).migrated(NOW);
        Path file = dir.resolve("cli.db");
        int latest;
        int previous;
        try (Database db = Database.open(file)) {
            latest = db.read("the schema version", c -> {
                try (var rs = c.createStatement().executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            db.write("pretend an older schema", c -> c.createStatement()
                    .executeUpdate("DELETE FROM flyway_schema_history WHERE version = '" + latest + "'"));
            previous = db.read("the schema version before", c -> {
                try (var rs = c.createStatement().executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            db.read("checkpoint", c -> c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        String before = digest(file);
        Cli.Result r = new Cli(dir).run(NOW, "calls", "--line", "trygghetscenter", "--from", "2026-11-25", "--to",
                "2026-11-25");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).endsWith("has schema version " + previous + " but this build needs " + latest
                + ": start the service or run 'afterhours migrate' to upgrade it");
        assertThat(digest(file)).isEqualTo(before);
    }

    @Test
    void migrateCreatesTheDatabaseAndSeedsTheConfiguredLines() {
        Cli.Result r = new Cli(dir).run(NOW, "migrate");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).endsWith("is up to date; lines: trygghetscenter");
        assertThat(new Cli(dir).run(NOW, "status").exitCode()).isZero();
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
