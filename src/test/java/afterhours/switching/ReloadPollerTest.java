package afterhours.switching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReloadPollerTest {

    @Test
    void looksAgainAfterAFailedLook() {
        AtomicInteger looks = new AtomicInteger();
        try (ReloadPoller poller = new ReloadPoller(() -> {
            if (looks.incrementAndGet() == 1) {
                throw new IllegalStateException("database unreachable");
            }
        }, Duration.ofMillis(20))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> looks.get() >= 3);
        }
    }

    @Test
    void closingLetsARunningLookFinishWithoutInterruptingIt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        ReloadPoller poller = new ReloadPoller(() -> {
            inside.countDown();
            try {
                Thread.sleep(300);
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, Duration.ofSeconds(10));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        poller.close();
        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
    }
}
