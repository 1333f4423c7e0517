package afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import afterhours.calllog.CallQueryTestData;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallStore;
import afterhours.schedule.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
    @TempDir
    Path dir;

    @Test
    void aBackupUnderWriteLoadRestoresToAConsistentDatabase() throws Exception {
        Database db = Database.open(dir.resolve("live.db"));
        CallStore calls = new CallStore(db);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                List<CallRecord> batch = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int n = written.getAndIncrement();
                    batch.add(CallQueryTestData.call("w." + n, "center", "2026-11-25T09:30:00Z", Mode.OPEN, "office", "office",
                            "07" + n, "N", 4.0));
                }
                calls.write(batch);
            }
        });
        writer.start();
        Thread.sleep(300);
        Path backup = dir.resolve("backups/live-copy.db");
        Backup.to(db, backup);
        Thread.sleep(200);
        writing.set(false);
        writer.join();

        assertThat(Backup.check(backup)).isEqualTo(Migrations.latest());
        Path restored = dir.resolve("restored/afterhours.db");
        Backup.restore(backup, restored);
        CallStore copy = new CallStore(Database.open(restored));
        List<String> ids = new ArrayList<>();
        copy.stream(afterhours.calllog.CallFilter.all(), c -> ids.add(c.linkedId()));
        // whole batches only: the copy is one transaction-consistent snapshot
        assertThat(ids.size() % 20).isZero();
        assertThat(ids).isNotEmpty().hasSizeLessThan(written.get());
    }

    @Test
    void aDamagedOrForeignFileIsRefusedBeforeAnythingIsReplaced() throws Exception {
        Path database = dir.resolve("afterhours.db");
        Database.open(database);
        Path junk = Files.writeString(dir.resolve("junk.db"), "this is not a database at all, just text");
        assertThatThrownBy(() -> Backup.restore(junk, database)).isInstanceOf(StoreException.class)
                .hasMessageContaining("junk.db");
        assertThat(Backup.check(database)).isEqualTo(Migrations.latest());
        assertThatThrownBy(() -> Backup.check(dir.resolve("missing.db"))).hasMessageEndingWith("missing.db: no such backup file");
        assertThatThrownBy(() -> Backup.to(Database.open(database), junk)).hasMessageContaining("exists already");
    }

    @Test
    void anUpgradeKeepsACopyOfTheOldSchemaFirst() throws Exception {
        Path file = dir.resolve("old.db");
        Database db = Database.open(file);
        // pretend the file is from the version before the last migration (which added the switch's why)
        int previous = db.write("downgrade", c -> {
            c.createStatement().executeUpdate("DELETE FROM flyway_schema_history WHERE version = '" + Migrations.latest() + "'");
            c.createStatement().executeUpdate("ALTER TABLE switch DROP COLUMN why");
            return SchemaVersion.of(c);
        });
        assertThat(previous).isLessThan(Migrations.latest());
        Database.open(file);
        int before;
        try (var scripts = Files.list(Path.of("src/main/resources/db/sqlite"))) {
            List<Integer> versions = scripts.map(p -> p.getFileName().toString())
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted().toList();
            before = versions.get(versions.size() - 2);
        }
        try (var backups = Files.list(dir.resolve("backups"))) {
            List<Path> copies = backups.toList();
            assertThat(copies).singleElement().satisfies(p -> {
                assertThat(p.getFileName().toString()).startsWith("old.db.v" + previous + "-");
                assertThat(Backup.check(p)).isEqualTo(previous);
            });
        }
    }
}
