package afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import afterhours.calllog.CallFilter;
import afterhours.calllog.CallStore;
import java.nio.file.Files;
import java.time.ZoneId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database file made by release 0.1 (its own {@code schema_version} table, before Flyway), kept in the
 * test resources: this build takes it over without losing or re-running anything.
 */
class Release01UpgradeTest {
    private static final Path RELEASE_01 = Path.of("src/test/resources/release-0.1/afterhours.db");
    private static final List<String> TABLES = List.of("line", "line_number", "weekly_range", "exception_day",
            "switch", "audit", "app_user", "call", "ami_gap");

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void copy() throws Exception {
        assertThat(RELEASE_01).as("the release 0.1 database fixture").exists();
        file = dir.resolve("afterhours.db");
        Files.copy(RELEASE_01, file);
    }

    @Test
    void aRelease01DatabaseIsTakenOverAtItsVersionAndGetsOnlyTheNewerMigrations() throws Exception {
        Map<String, Integer> before = counts(file);
        assertThat(before).containsEntry("line", 1).containsEntry("call", 1).containsEntry("app_user", 1)
                .containsEntry("switch", 1).containsEntry("exception_day", 1).containsEntry("ami_gap", 1);
        assertThatThrownBy(() -> Database.openReadOnly(file)).hasMessageContaining("has schema version 5 but this build needs "
                + Migrations.latest());

        try (Database db = Database.open(file)) {
            assertThat(history(db)).containsExactly("5 BASELINE schema_version 5 (release 0.1)", "6 SQL quarantine open gaps",
                    "7 SQL notifications", "8 SQL call query indexes", "9 SQL audit shows what a viewer may see",
                    "10 SQL missed calls", "11 SQL caller rights", "13 SQL switch why");
            assertThat(Migrations.apply(db)).as("applied again").isZero();
            assertThat(history(db)).hasSize(8);
            // the kept per-quarter-hour counts start with the calls already in the log
            assertThat(new CallStore(db).stats(CallFilter.all(), ZoneId.of("Europe/Stockholm")).total()).isEqualTo(1);
        }
        assertThat(counts(file)).isEqualTo(before);
        try (var copies = Files.list(dir.resolve("backups"))) {
            assertThat(copies.toList()).as("a copy of the release 0.1 file, before the upgrade").singleElement()
                    .satisfies(p -> assertThat(Backup.check(p)).isEqualTo(5));
        }
    }

    @Test
    void anOlderRelease01DatabaseGetsTheMissingMigrationsAndACopyFirst() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().executeUpdate("DELETE FROM schema_version WHERE version = 5");
        }
        Map<String, Integer> before = counts(file);

        try (Database db = Database.open(file)) {
            assertThat(history(db)).containsExactly("4 BASELINE schema_version 4 (release 0.1)", "5 SQL quartz cluster",
                    "6 SQL quarantine open gaps", "7 SQL notifications",
                    "8 SQL call query indexes", "9 SQL audit shows what a viewer may see",
                    "10 SQL missed calls", "11 SQL caller rights", "13 SQL switch why");
        }
        assertThat(counts(file)).isEqualTo(before);
        try (var copies = Files.list(dir.resolve("backups"))) {
            assertThat(copies.toList()).singleElement().satisfies(p -> assertThat(Backup.check(p)).isEqualTo(4));
        }
    }

    private static Map<String, Integer> counts(Path file) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro")) {
            for (String table : TABLES) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    out.put(table, rs.getInt(1));
                }
            }
        }
        return out;
    }

    private static List<String> history(Database db) {
        return db.read("history", c -> {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT version, type, description FROM flyway_schema_history ORDER BY installed_rank")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            return rows;
        });
    }
}
