package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.asterisk.Recordings;
import afterhours.schedule.Mode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped manager account asks Asterisk for only the events the call log reads. Every recorded call,
 * replayed once in full and once through those filters, gives the same record: nothing the log needs is
 * filtered away, and far fewer events cross the socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilteredEventsReplayTest {
    /** Every recorded call with Asterisk's timestamps (the Asterisk-Java session has none: its times are arrival times). */
    private static final List<String> RECORDINGS = List.of("call-open-agi", "call-forwarded-agi", "call-agi-down-astdb",
            "call-agi-down-stale", "call-office-noanswer", "call-office-busy", "call-caller-gives-up", "call-withheld",
            "call-overflow", "call-other-number", "calls-interleaved", "agi-bad-command");

    private CallLogHarness full;
    private CallLogHarness filtered;
    private long allEvents;
    private long passedEvents;

    @BeforeAll
    void replayBoth(@TempDir Path dir) throws Exception {
        ShippedEventFilter filter = ShippedEventFilter.load();
        full = new CallLogHarness(dir.resolve("full"));
        filtered = new CallLogHarness(dir.resolve("filtered"));
        long fullRead = 0;
        long filteredRead = 0;
        for (String name : RECORDINGS) {
            Mode mode = name.equals("call-forwarded-agi") ? Mode.FORWARDED : Mode.OPEN;
            fullRead += full.replay(name, mode);
            List<String> events = Recordings.events(name + ".ami.rx");
            allEvents += events.size();
            passedEvents += events.stream().filter(filter).count();
            filteredRead += filtered.replay(name, mode, filter);
        }
        full.awaitQuiet(fullRead);
        filtered.awaitQuiet(filteredRead);
        System.out.printf("Recorded AMI events: %d in full, %d through the shipped filters (%.0f%%)%n", allEvents,
                passedEvents, 100.0 * passedEvents / allEvents);
    }

    @AfterAll
    void stop() {
        full.close();
        filtered.close();
    }

    private static List<CallRecord> calls(CallLogHarness harness) {
        return harness.callLog.store().page(CallFilter.all(), null, 100).calls();
    }

    @Test
    void everyCallGetsTheSameRecordFromTheFilteredEvents() {
        List<CallRecord> expected = calls(full);
        assertThat(expected).hasSize(13);
        assertThat(calls(filtered)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theFiltersLetThroughLessThanAThirdOfTheEvents() {
        assertThat(passedEvents).isPositive().isLessThan(allEvents / 3);
    }
}
