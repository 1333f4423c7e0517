package afterhours.calllog;

import afterhours.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The missed-call store on a SQLite file ({@code PostgresStoreTest} runs the same on PostgreSQL). */
class MissedCallStoreTest {
    @TempDir
    Path dir;

    @Test
    void missedCallsAreKeptListedMarkedClaimedOnceCountedAndPurged() {
        try (Database db = Database.open(dir.resolve("missed.db"))) {
            MissedCallScenario.run(db);
        }
    }
}
