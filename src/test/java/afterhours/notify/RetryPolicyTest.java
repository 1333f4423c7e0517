package afterhours.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry numbers the README promises. */
class RetryPolicyTest {
    @Test
    void theDefaultDoublesFrom15SecondsToHalfAnHourAndGivesUpAfter12TriesOver2Hours32Minutes() {
        List<Long> seconds = new ArrayList<>();
        for (int attempt = 1; attempt < RetryPolicy.DEFAULT.attempts(); attempt++) {
            seconds.add(RetryPolicy.DEFAULT.delayAfter(attempt).toSeconds());
        }
        assertThat(seconds).containsExactly(15L, 30L, 60L, 120L, 240L, 480L, 960L, 1800L, 1800L, 1800L, 1800L);
        assertThat(RetryPolicy.DEFAULT.span()).isEqualTo(Duration.ofHours(2).plusMinutes(31).plusSeconds(45));
    }

    @Test
    void anSmtpServerDownForAnHourGetsTheMessageAtTheFirstTryAfterItIsBack() {
        // tries at 0, 15 s, 45 s, 1:45, 3:45, 7:45, 15:45, 31:45, 61:45 ... after the first
        Duration at = Duration.ZERO;
        int attempt = 1;
        while (at.compareTo(Duration.ofHours(1)) < 0) {
            at = at.plus(RetryPolicy.DEFAULT.delayAfter(attempt++));
        }
        assertThat(at).isEqualTo(Duration.ofMinutes(61).plusSeconds(45));
        assertThat(attempt).isLessThanOrEqualTo(RetryPolicy.DEFAULT.attempts());
    }
}
