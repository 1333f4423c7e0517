package afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void migratesAnEmptyFile() throws Exception {
        Path file = dir.resolve("nested/empty.db");
        Files.createDirectories(file.getParent());
        Files.createFile(file);
        Database db = Database.open(file);
        assertThat(version(db)).isEqualTo(Migrations.latest());
        List<String> tables = db.read("tables", c -> {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
        assertThat(tables).containsExactly("ami_gap", "api_token", "app_user", "audit", "call", "call_quarantine", "call_quarter", "erased_number",
                "exception_day", "flyway_schema_history", "line", "line_number", "manual_override", "missed_backfill", "missed_call",
                "notify_outbox", "notify_recipient", "number_masking", "service_heartbeat", "switch", "weekly_range");
        String journal = db.read("journal mode", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(journal).isEqualTo("wal");
    }

    @Test
    void reopeningAppliesNothingTwice() throws Exception {
        Path file = dir.resolve("a.db");
        Database.open(file);
        Database again = Database.open(file);
        int rows = again.read("count", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(rows).isEqualTo(versions("src/main/resources/db/sqlite").size());
    }

    @Test
    void refusesADatabaseFromANewerBuild() {
        Path file = dir.resolve("newer.db");
        Database db = Database.open(file);
        db.write("fake a newer schema", c -> c.createStatement().executeUpdate("INSERT INTO flyway_schema_history"
                + " (installed_rank, version, description, type, script, installed_by, execution_time, success)"
                + " VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 'test', 0, 1)"));
        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("has schema version 99 but this build knows only up to " + Migrations.latest());
    }

    @Test
    void failedWriteChangesNothing() {
        Database db = Database.open(dir.resolve("tx.db"));
        assertThatThrownBy(() -> db.write("two inserts, the second bad", c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO audit (at, actor, action) VALUES (1, 'a', 'x')");
                st.executeUpdate("INSERT INTO audit (at, actor, action) VALUES (2, NULL, 'y')");
            }
            return null;
        })).isInstanceOf(StoreException.class).hasMessageStartingWith("two inserts, the second bad failed:");
        assertThat(countAudit(db)).isZero();
    }

    @Test
    void readersDoNotWaitForAWriterAndSeeOnlyCommittedData() throws Exception {
        Database db = Database.open(dir.resolve("wal.db"));
        db.write("first row", c -> c.createStatement().executeUpdate(
                "INSERT INTO audit (at, actor, action) VALUES (1, 'a', 'before')"));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch readsDone = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<?> writer = pool.submit(() -> db.write("long write", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit (at, actor, action) VALUES (?, 'w', 'during')")) {
                    for (int i = 0; i < 100; i++) {
                        ps.setLong(1, i);
                        ps.executeUpdate();
                    }
                }
                writing.countDown();
                // hold the write transaction open until the readers have read
                try {
                    assertThat(readsDone.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                readers.add(pool.submit(() -> countAudit(db)));
            }
            for (Future<Integer> r : readers) {
                assertThat(r.get(5, TimeUnit.SECONDS)).as("readers see the committed row only").isEqualTo(1);
            }
            readsDone.countDown();
            writer.get(10, TimeUnit.SECONDS);
            assertThat(countAudit(db)).isEqualTo(101);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriterWaitingForItsTurnGoesBeforeOneThatWritesAgainAtOnce() throws Exception {
        Database db = Database.open(dir.resolve("turns.db"));
        CountDownLatch firstTransaction = new CountDownLatch(1);
        CountDownLatch otherWrote = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // like the retention purge: transaction after transaction, each starting as the last one ends
            Future<Integer> busy = pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    int round = i;
                    db.write("busy writer", c -> {
                        c.createStatement().executeUpdate("INSERT INTO audit (at, actor, action) VALUES (" + round + ", 'busy', 'x')");
                        if (round == 0) {
                            firstTransaction.countDown();
                            pause(300);   // the other writer is queued meanwhile
                        }
                        return null;
                    });
                    if (otherWrote.getCount() == 0) {
                        return round;
                    }
                }
                return 50;
            });
            assertThat(firstTransaction.await(10, TimeUnit.SECONDS)).isTrue();
            db.write("the other writer", c -> {
                c.createStatement().executeUpdate("INSERT INTO audit (at, actor, action) VALUES (1000, 'other', 'y')");
                otherWrote.countDown();
                return null;
            });
            // the busy writer's second transaction waits for the other's, which was queued first
            assertThat(busy.get(30, TimeUnit.SECONDS)).as("the busy writer's transaction after which the other had written")
                    .isLessThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theLatestVersionIsTheLastScriptOfEachDialect() {
        // versions are reserved per change, so one may land before a lower one: gaps are allowed, twins are not
        List<Integer> sqlite = versions("src/main/resources/db/sqlite");
        assertThat(sqlite).doesNotHaveDuplicates().startsWith(1);
        assertThat(sqlite.get(sqlite.size() - 1)).isEqualTo(Migrations.latest());
        assertThat(versions("src/main/resources/db/postgresql")).as("the same versions for PostgreSQL").isEqualTo(sqlite);
    }

    /** The versions of a dialect's migration scripts, in order. */
    private static List<Integer> versions(String folder) {
        try (var scripts = Files.list(Path.of(folder))) {
            return scripts.map(p -> p.getFileName().toString())
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int version(Database db) {
        return db.read("version", SchemaVersion::of);
    }

    private static int countAudit(Database db) {
        return db.read("count", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
