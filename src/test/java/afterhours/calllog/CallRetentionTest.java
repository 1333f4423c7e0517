package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.schedule.Mode;
import afterhours.store.Database;
import afterhours.support.OffsetClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
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
}
