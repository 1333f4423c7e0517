package afterhours.postgres;

import afterhours.store.Database;
import afterhours.subject.SubjectScenarios;
import org.junit.jupiter.api.AfterEach;

/** {@link SubjectScenarios} on PostgreSQL (a scratch database of its own). */
class SubjectsPostgresTest extends SubjectScenarios {
    private ScratchDatabase scratch;

    @Override
    protected Database open() throws Exception {
        scratch = new ScratchDatabase("subjects");
        return Database.openUrl(scratch.url);
    }

    @AfterEach
    void drop() throws Exception {
        if (db != null) {
            db.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }
}
