package afterhours.switching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeenIdsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void anIdCommittedAfterAHigherOneIsStillFoundWithinTheWindow() {
        SeenIds seen = new SeenIds();
        seen.start(10);
        assertThat(seen.notice(List.of(11L, 13L), T0)).containsExactly(11L, 13L);
        assertThat(seen.floor()).as("nothing settles before its window").isEqualTo(10);
        // 12 took its id before 13 and committed after it: the next look lists it, and only it is new
        assertThat(seen.notice(List.of(11L, 12L, 13L), T0.plusSeconds(2))).containsExactly(12L);
        assertThat(seen.notice(List.of(11L, 12L, 13L), T0.plusSeconds(4))).isEmpty();
    }

    @Test
    void idsSettleIntoTheFloorAWindowAfterTheyWereFirstSeen() {
        SeenIds seen = new SeenIds();
        seen.start(10);
        seen.notice(List.of(11L, 13L), T0);
        seen.notice(List.of(11L, 12L, 13L, 14L), T0.plusSeconds(30));
        seen.notice(List.of(11L, 12L, 13L, 14L), T0.plus(SeenIds.WINDOW));
        assertThat(seen.floor()).as("11 and 13 seen a window ago; 12 below 13 settles with it").isEqualTo(13);
        assertThat(seen.notice(List.of(14L, 15L), T0.plus(SeenIds.WINDOW).plusSeconds(1))).containsExactly(15L);
        seen.notice(List.of(14L, 15L), T0.plus(SeenIds.WINDOW).plusSeconds(31));
        assertThat(seen.floor()).as("14, first seen at 30 s, has settled; 15 not yet").isEqualTo(14);
        seen.notice(List.of(15L), T0.plus(SeenIds.WINDOW).plus(SeenIds.WINDOW).plusSeconds(1));
        assertThat(seen.floor()).isEqualTo(15);
        assertThat(seen.notice(List.of(16L), T0.plus(SeenIds.WINDOW).plus(SeenIds.WINDOW).plusSeconds(2))).containsExactly(16L);
    }

    @Test
    void theFirstLookTakesEverythingThereIsAsKnown() {
        SeenIds seen = new SeenIds();
        assertThat(seen.floor()).isEqualTo(-1);
        seen.start(500);
        assertThat(seen.notice(List.of(501L), T0)).containsExactly(501L);
    }
}
