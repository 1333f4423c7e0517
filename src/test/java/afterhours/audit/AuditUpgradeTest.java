package afterhours.audit;

import afterhours.store.Database;
import afterhours.support.OldAuditRows;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema 9 on SQLite: audit entries written before it keep only what a viewer may see. */
class AuditUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void oldEntriesLoseCallerNumbersUnknownParametersAndWebhookPaths() throws Exception {
        Path file = dir.resolve("afterhours.db");
        OldAuditRows.insertAndForgetSchema9(Database.open(file));
        OldAuditRows.assertUpgraded(Database.open(file));
    }
}
