package afterhours.subject;

import afterhours.store.Database;

/** {@link SubjectScenarios} on a SQLite file. */
class SubjectsSqliteTest extends SubjectScenarios {
    @Override
    protected Database open() {
        return Database.open(keys.resolve("subjects.db"));
    }
}
