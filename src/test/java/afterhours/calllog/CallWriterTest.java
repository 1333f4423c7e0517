package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.schedule.Mode;
import afterhours.store.Database;
import afterhours.support.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The call writer can neither stall behind a record the database refuses nor grow without bound. */
class CallWriterTest {
    @TempDir
    Path dir;

    private static CallRecord call(String id) {
        return CallQueryTest.call(id, "center", "2026-11-25T09:30:00Z", Mode.OPEN, "office", "office", "0701", "A", 4.0);
    }

    /** A record no database takes: the line is required. */
    private static CallRecord refused(String id) {
        CallRecord ok = call(id);
        return new CallRecord(ok.linkedId(), null, ok.did(), ok.callerNumber(), ok.callerName(), ok.startedAt(), ok.mode(),
                ok.reason(), ok.decidedBy(), ok.route(), ok.attempts(), ok.answeredBy(), ok.answeredAt(), ok.endedAt(),
                ok.ringSeconds(), ok.talkSeconds(), ok.hangupCause(), ok.hangupText(), ok.status());
    }

    @Test
    void aRefusedRecordIsQuarantinedAndTheRestLandsAtOnce() {
        CallStore store = new CallStore(Database.open(dir.resolve("w.db")));
        try (LogCapture logs = new LogCapture(); CallWriter writer = new CallWriter(store)) {
            for (int i = 0; i < 100; i++) {
                writer.add(i == 37 ? refused("bad.37") : call("ok." + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.waiting() == 0);
            assertThat(store.page(CallFilter.all(), null, 500).calls()).hasSize(99);
            assertThat(store.quarantined()).isEqualTo(1);
            assertThat(writer.quarantined()).isEqualTo(1);
            assertThat(logs.all()).contains("the database refused the record of call bad.37");
            writer.add(call("after"));
            await().atMost(Duration.ofSeconds(10)).until(() -> store.find("after").isPresent());
        }
    }

    @Test
    void aLockedDatabaseKeepsTheBatchAndWritesItAfterTheLock() throws Exception {
        Path file = dir.resolve("locked.db");
        CallStore store = new CallStore(Database.open(file));
        try (CallWriter writer = new CallWriter(store);
             Connection lock = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            lock.createStatement().execute("BEGIN EXCLUSIVE");
            writer.add(call("during.lock"));
            Thread.sleep(1500);
            assertThat(writer.waiting()).isEqualTo(1);
            lock.createStatement().execute("ROLLBACK");
            await().atMost(Duration.ofSeconds(20)).until(() -> store.find("during.lock").isPresent());
            assertThat(writer.quarantined()).as("a lock is not a refusal").isZero();
        }
    }

    @Test
    void beyondItsLimitNewCallsAreDroppedAndCountedWithoutBlocking() throws Exception {
        Path file = dir.resolve("full.db");
        CallStore store = new CallStore(Database.open(file));
        try (CallWriter writer = new CallWriter(store, 10);
             Connection lock = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            lock.createStatement().execute("BEGIN EXCLUSIVE");
            long t = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                writer.add(call("c." + i));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t)).as("adding never waits").isLessThan(Duration.ofSeconds(2));
            assertThat(writer.waiting()).isLessThanOrEqualTo(10 + CallWriter.MAX_BATCH);
            assertThat(writer.dropped()).isGreaterThanOrEqualTo(1000 - 10 - CallWriter.MAX_BATCH);
            lock.createStatement().execute("ROLLBACK");
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.waiting() == 0);
            List<CallRecord> stored = store.page(CallFilter.all(), null, 500).calls();
            assertThat(stored).hasSizeLessThanOrEqualTo(10 + CallWriter.MAX_BATCH).hasSizeGreaterThanOrEqualTo(10);
        }
    }
}
