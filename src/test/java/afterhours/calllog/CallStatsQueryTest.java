package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.store.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics from the counts the database keeps per quarter hour, the partial quarter hours counted
 * call by call and the median ring time read at its rank, against the same figures worked out call by call
 * (see {@link CallStatsOracle}): after inserts, replacements that move a call to another quarter hour,
 * line, mode or answerer, the retention purge and a delete by hand.
 */
class CallStatsQueryTest {
    @TempDir
    Path dir;

    @Test
    void keptCountsAndTheMedianMatchACallByCallCountAfterEveryKindOfWrite() {
        Database db = Database.open(dir.resolve("stats.db"));
        CallStore store = new CallStore(db);
        List<CallRecord> calls = new ArrayList<>(CallStatsOracle.writeRandomCalls(store, 16, 4000));
        CallStatsOracle.assertStoreMatches(store, calls);
        assertThat(store.stats(CallStatsOracle.filters().get(1), CallStatsOracle.STOCKHOLM).total()).isGreaterThan(1000);

        Instant cutoff = Instant.parse("2026-03-29T07:31:00Z");
        int purged = store.purgeBefore(cutoff, 97);   // in many small transactions, the last one partial
        int before = calls.size();
        calls.removeIf(c -> c.startedAt().isBefore(cutoff));
        assertThat(purged).isGreaterThan(97 * 3).isEqualTo(before - calls.size());
        List<String> gone = List.of(calls.get(10).linkedId(), calls.get(500).linkedId(), calls.get(2000).linkedId());
        db.write("deleting calls by hand", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM call WHERE linkedid = ?")) {
                for (String id : gone) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
            }
            return null;
        });
        calls.removeIf(c -> gone.contains(c.linkedId()));
        CallStatsOracle.assertStoreMatches(store, calls);
    }
}
