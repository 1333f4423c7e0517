package afterhours.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.store.Database;
import afterhours.store.InstanceLocks;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What tells a killed instance's claims from a running one's on PostgreSQL: the advisory lock each instance holds
 * on a session of its own. It is seen from another instance, it goes when the session ends (as a killed
 * process's does), and an instance whose session the server ended (a restart) takes its lock again.
 */
class InstanceLocksTest {

    @Test
    void anInstanceRunsWhileItsSessionHoldsTheLockAndTakesItAgainAfterLosingIt() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase("instancelocks")) {
            Database mine = Database.openUrl(scratch.url);
            Database theirs = Database.openUrl(scratch.url);
            InstanceLocks locks = InstanceLocks.of(mine);
            InstanceLocks looking = InstanceLocks.of(theirs);
            try {
                locks.hold("afterhours-a");
                assertThat(looking.running("afterhours-a")).isTrue();
                assertThat(looking.running("afterhours-a")).as("asking takes nothing away").isTrue();
                assertThat(looking.running("afterhours-b")).as("never held: an older version's, or a killed one's").isFalse();
                assertThat(locks.keep()).isTrue();

                // the server ends every session of the instance (a restart, a killed process's connections)
                theirs.read("ending the other sessions", c -> {
                    c.createStatement().executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid()").close();
                    return null;
                });
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> !looking.running("afterhours-a"));
                assertThat(locks.keep()).as("it had lost the lock").isFalse();
                // the worker keeps its lock every 10 s: a round that met a dead pooled connection tries again next round
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> locks.keep() || looking.running("afterhours-a"));
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> looking.running("afterhours-a"));
                assertThat(locks.keep()).isTrue();
                locks.close();
                assertThat(looking.running("afterhours-a")).as("a clean stop lets go").isFalse();
            } finally {
                locks.close();
                mine.close();
                theirs.close();
            }
        }
    }
}
