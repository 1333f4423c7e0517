package afterhours.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.schedule.Mode;
import afterhours.support.TestConfigs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL two instances take switch ids from one sequence, so a lower id can commit after a higher one. The
 * look for changes by other instances must still find it: otherwise this instance's PBX never hears of that switch.
 */
class LateCommitLookTest {
    @TempDir
    Path dir;

    @Test
    void aSwitchCommittedAfterAHigherIdIsStillSeenAsAChangeElsewhere() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase("late")) {
            AppConfig s = TestConfigs.sample(dir);
            AppConfig config = new AppConfig(s.database(), s.http(), s.ami(), s.fastAgi(), s.stateGrace(), s.verifyPeriod(),
                    s.watchdogPeriod(), s.lines(), s.callRetention(), scratch.url);
            AtomicInteger pushes = new AtomicInteger();
            try (Afterhours app = Afterhours.open(config, state -> pushes.incrementAndGet(), Clock.systemUTC());
                 Connection early = DriverManager.getConnection(scratch.url);
                 Connection later = DriverManager.getConnection(scratch.url)) {
                app.start();
                app.switchboard().reloadIfChangedElsewhere();
                // the switches of the others name the mode the line is in, so a reload only pushes and records none
                Mode mode = app.switchboard().stateNow("trygghetscenter").mode();
                // another instance takes an id and has not committed yet; a third takes the next id and commits
                early.setAutoCommit(false);
                insertSwitch(early, 1, mode);
                insertSwitch(later, 2, mode);
                int before = pushes.get();
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    app.switchboard().reloadIfChangedElsewhere();
                    return pushes.get() > before;
                });
                // then the lower id commits: a look that asked only above the highest id seen would never find it
                await().pollDelay(Duration.ofMillis(500)).until(() -> true);
                int quiet = pushes.get();
                early.commit();
                app.switchboard().reloadIfChangedElsewhere();
                assertThat(pushes.get()).as("the late switch makes the look reload every line").isGreaterThan(quiet);
            }
        }
    }

    private static void insertSwitch(Connection c, int minutes, Mode to) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO switch (line_id, effective_at, applied_at, from_mode,"
                + " to_mode, reason, detail, trigger) VALUES ('trygghetscenter', ?, ?, ?, ?, 'OVERRIDE', 'elsewhere',"
                + " 'OVERRIDE')")) {
            long at = System.currentTimeMillis() - minutes * 60_000L;
            ps.setLong(1, at);
            ps.setLong(2, at);
            ps.setString(3, to.opposite().name());
            ps.setString(4, to.name());
            ps.executeUpdate();
        }
    }
}
