package afterhours.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.support.TestConfigs;
import afterhours.switching.Switch;
import afterhours.switching.Trigger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL with Quartz's clustered store: the one holding the next trigger stops
 * dead just before the boundary; the other applies the switch, once, and sees the change made on the first.
 */
class TwoInstancesTest {
    @TempDir
    Path dir;

    @Test
    void theOtherInstanceSwitchesOnceWhenTheHolderDies() throws Exception {
        ScratchDatabase scratch = new ScratchDatabase("two");
        String url = scratch.url;
        AppConfig s = TestConfigs.sample(dir);
        AppConfig config = new AppConfig(s.database(), s.http(), s.ami(), s.fastAgi(), s.stateGrace(), s.verifyPeriod(),
                s.watchdogPeriod(), s.lines(), s.callRetention(), url);
        LoggingPbxGateway pbxA = new LoggingPbxGateway();
        LoggingPbxGateway pbxB = new LoggingPbxGateway();
        try (Afterhours a = Afterhours.open(config, pbxA, Clock.systemUTC());
             Afterhours b = Afterhours.open(config, pbxB, Clock.systemUTC())) {
            a.start();
            b.start();
            // the test needs the opening hours to stay put for its half minute: started less than 45 s before they
            // change (the run's wall clock), it lets that change pass first
            Instant change = a.switchboard().stateNow("trygghetscenter").nextChange();
            if (change != null && change.isBefore(Instant.now().plusSeconds(45))) {
                await().atMost(Duration.ofSeconds(50)).until(() -> Instant.now().isAfter(change.plusSeconds(2)));
            }
            Mode scheduled = a.switchboard().stateNow("trygghetscenter").mode();
            Mode forced = scheduled.opposite();
            Instant until = Instant.ofEpochMilli(Instant.now().plusSeconds(8).toEpochMilli());
            a.database().write("override", c -> {
                a.repository().overrides().set(c, "trygghetscenter", new ManualOverride(forced,
                        Instant.ofEpochMilli(System.currentTimeMillis()), until, "anna", "test"));
                a.audit().record(c, Instant.now(), "anna", "override-set", "trygghetscenter", null, null);
                return null;
            });
            a.switchboard().reload("trygghetscenter", Trigger.OVERRIDE);
            // the other instance picks the change up from the shared database
            await().atMost(Duration.ofSeconds(10)).until(() -> b.switchboard().stateNow("trygghetscenter").reason() == Reason.OVERRIDE);

            // find who holds the trigger of the override's end, and let that one die just before it
            await().atMost(Duration.ofSeconds(10)).until(() -> holder(url) != null);
            String holder = holder(url);
            Afterhours dying = holder.equals(a.scheduler().instanceId()) ? a : b;
            Afterhours survivor = dying == a ? b : a;
            LoggingPbxGateway survivorPbx = dying == a ? pbxB : pbxA;
            await().until(() -> Instant.now().isAfter(until.minusMillis(1500)));
            dying.scheduler().halt();

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    survivorPbx.lastPushed("trygghetscenter").map(p -> p.mode() == scheduled).orElse(false));
            Duration late = Duration.between(until, Instant.now());
            List<Switch> switches = survivor.switches().recent("trygghetscenter", 10);
            long atBoundary = switches.stream().filter(sw -> sw.effectiveAt().equals(until)).count();
            System.out.printf("Two instances: %s held the trigger and died; the other switched %d ms after the boundary%n",
                    dying == a ? "A" : "B", late.toMillis());
            assertThat(atBoundary).as("the switch at the override's end is recorded once").isEqualTo(1);
            assertThat(switches.stream().filter(sw -> sw.effectiveAt().equals(until)).findFirst().orElseThrow().to())
                    .isEqualTo(scheduled);
            // the instance that did not apply the switch still pushes it to its own PBX (its reload sees the new switch)
            LoggingPbxGateway otherPbx = dying == a ? pbxA : pbxB;
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    otherPbx.lastPushed("trygghetscenter").map(p -> p.mode() == scheduled).orElse(false));
            assertThat(survivor.switches().recent("trygghetscenter", 10).stream()
                    .filter(sw -> sw.to() == scheduled && !sw.effectiveAt().isBefore(until)).count())
                    .as("pushing it records nothing more").isEqualTo(1);

            // a line that another instance adds from its configuration file reaches the survivor too
            AppConfig.LineConfig center = config.lines().get(0);
            afterhours.line.Line l = center.line();
            afterhours.line.Line second = new afterhours.line.Line("second", "Second line", List.of("+4654999999"), l.zone(),
                    l.officeDial(), l.contractorDial(), l.failsafeDial(), l.ringSeconds(), l.callerIdPrefix(), l.holidays());
            afterhours.config.ConfigSeeder.seed(dying.database(), dying.repository(), dying.audit(),
                    new AppConfig(config.database(), config.http(), config.ami(), config.fastAgi(), config.stateGrace(),
                            config.verifyPeriod(), config.watchdogPeriod(),
                            List.of(new AppConfig.LineConfig(second, center.weekly(), center.exceptions())),
                            config.callRetention(), url), Instant.now());
            // the line is served first, then its state pushed: wait for the push, not only the line
            await().atMost(Duration.ofSeconds(10)).until(() -> survivor.switchboard().line("second").isPresent()
                    && survivorPbx.lastPushed("second").isPresent());
        } finally {
            scratch.close();
        }
    }

    /** The instance that has acquired the line's next switch trigger, or null. */
    private static String holder(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT instance_name FROM qrtz_fired_triggers WHERE trigger_name = 'trygghetscenter'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
