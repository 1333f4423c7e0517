package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.schedule.Mode;
import afterhours.store.Database;
import afterhours.support.OffsetClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRetentionTest {
    @TempDir
    Path dir;

    @Test
    void deletesOnlyCallsOlderThanTheRetentionPeriod() {
        CallStore store = new CallStore(Database.open(dir.resolve("r.db")));
        store.write(List.of(
                CallQueryTest.call("old", "center", "2025-10-24T09:00:00Z", Mode.OPEN, "office", "office", "1", "A", 4.0),
                CallQueryTest.call("kept", "center", "2025-10-26T09:00:00Z", Mode.OPEN, "office", "office", "2", "B", 4.0)));
        CallRetention retention = new CallRetention(store, Period.ofMonths(13),
                OffsetClock.startingAt(Instant.parse("2026-11-25T03:30:00Z")));

        assertThat(retention.purge()).isEqualTo(1);
        assertThat(store.find("old")).isEmpty();
        assertThat(store.find("kept")).isPresent();
        retention.run();
        assertThat(store.find("kept")).isPresent();
    }

    @Test
    void purgesInChunksUntilNothingOlderIsLeftWhateverTheChunkSize() {
        CallStore store = new CallStore(Database.open(dir.resolve("chunks.db")));
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(CallQueryTest.call("old-" + i, "center", Instant.parse("2025-01-01T09:00:00Z").plusSeconds(3600L * i).toString(),
                    Mode.OPEN, "office", "office", "1", "A", 4.0));
        }
        calls.add(CallQueryTest.call("kept", "center", "2025-10-26T09:00:00Z", Mode.OPEN, "office", "office", "2", "B", 4.0));
        Instant cutoff = Instant.parse("2025-10-25T00:00:00Z");
        for (int chunk : new int[] {10, 7, 1, 31}) {   // a multiple of the backlog, a remainder, one by one, more than all
            store.write(calls);
            assertThat(store.purgeBefore(cutoff, chunk)).as("chunk " + chunk).isEqualTo(30);
            assertThat(store.find("old-0")).isEmpty();
            assertThat(store.find("old-29")).isEmpty();
            assertThat(store.find("kept")).isPresent();
            assertThat(store.purgeBefore(cutoff, chunk)).isZero();
        }
    }
}
