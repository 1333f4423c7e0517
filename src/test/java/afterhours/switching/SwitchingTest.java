package afterhours.switching;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.audit.AuditLog;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.support.OffsetClock;
import afterhours.support.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Quartz triggers on a clock placed just before the center's boundaries. */
class SwitchingTest {
    private static final String LINE = "trygghetscenter";
    private static final Duration GRACE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Afterhours app;
    private final LoggingPbxGateway pbx = new LoggingPbxGateway();

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private Afterhours start(OffsetClock clock, Duration watchdog) {
        AppConfig sample = TestConfigs.sample(dir);
        AppConfig config = new AppConfig(sample.database(), sample.http(), sample.ami(), sample.fastAgi(),
                sample.stateGrace(), sample.verifyPeriod(), watchdog, sample.lines(), sample.callRetention(), sample.databaseUrl());
        app = Afterhours.open(config, pbx, clock);
        app.start();
        return app;
    }

    @Test
    void triggerFiresAtTheBoundaryAndSchedulesTheNext() {
        Instant opening = local("2026-11-25T10:00");
        OffsetClock clock = OffsetClock.startingAt(opening.minusMillis(1500));
        start(clock, Duration.ofHours(1));

        Switch first = app.switches().last(LINE).orElseThrow();
        assertThat(first.to()).isEqualTo(Mode.FORWARDED);
        assertThat(first.from()).isNull();
        assertThat(first.trigger()).isEqualTo(Trigger.STARTUP);
        assertThat(app.scheduler().pendingAt(LINE)).isEqualTo(opening);

        await().atMost(Duration.ofSeconds(10)).until(() -> app.switches().last(LINE).orElseThrow().to() == Mode.OPEN);
        Switch opened = app.switches().last(LINE).orElseThrow();
        assertThat(opened.trigger()).isEqualTo(Trigger.SCHEDULE);
        assertThat(opened.from()).isEqualTo(Mode.FORWARDED);
        assertThat(opened.reason()).isEqualTo(Reason.REGULAR_HOURS);
        assertThat(opened.effectiveAt()).isEqualTo(opening);
        assertThat(opened.appliedAt()).isAfterOrEqualTo(opening);
        assertThat(app.scheduler().pendingAt(LINE)).isEqualTo(local("2026-11-25T15:00"));

        PushedState pushed = pbx.lastPushed(LINE).orElseThrow();
        assertThat(pushed.mode()).isEqualTo(Mode.OPEN);
        assertThat(pushed.dial()).isEqualTo("PJSIP/reception");
        // and the next period, so the PBX closes at 15:00 by itself; valid until the change after that
        assertThat(pushed.nextStart()).isEqualTo(local("2026-11-25T15:00"));
        assertThat(pushed.next().mode()).isEqualTo(Mode.FORWARDED);
        assertThat(pushed.next().dial()).isEqualTo("PJSIP/0771000000@contractor");
        assertThat(pushed.until()).isEqualTo(local("2026-11-26T10:00").plus(GRACE));
        assertThat(pushed.failsafe()).isEqualTo("PJSIP/0771000000@contractor");
        assertThat(app.switches().recent(LINE, 10)).hasSize(2);
    }

    @Test
    void restartAcrossABoundaryCorrectsTheLineAndRecordsTheMissedSwitch() {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-25T09:00"));
        start(clock, Duration.ofHours(1));
        assertThat(app.switches().last(LINE).orElseThrow().to()).isEqualTo(Mode.FORWARDED);
        app.close();

        // down from 09:00 to 10:30: the 10:00 opening was missed
        clock.jumpTo(local("2026-11-25T10:30"));
        start(clock, Duration.ofHours(1));
        Switch missed = app.switches().last(LINE).orElseThrow();
        assertThat(missed.from()).isEqualTo(Mode.FORWARDED);
        assertThat(missed.to()).isEqualTo(Mode.OPEN);
        assertThat(missed.trigger()).isEqualTo(Trigger.STARTUP);
        assertThat(missed.effectiveAt()).isEqualTo(local("2026-11-25T10:00"));
        assertThat(Duration.between(local("2026-11-25T10:30"), missed.appliedAt())).isLessThan(Duration.ofSeconds(5));
        assertThat(pbx.lastPushed(LINE).orElseThrow().mode()).isEqualTo(Mode.OPEN);
        assertThat(app.switches().recent(LINE, 10)).hasSize(2);
    }

    @Test
    void restartWithoutAMissedBoundaryRecordsNothingNew() {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-25T11:00"));
        start(clock, Duration.ofHours(1));
        app.close();
        clock.jumpTo(local("2026-11-25T11:05"));
        start(clock, Duration.ofHours(1));
        assertThat(app.switches().recent(LINE, 10)).hasSize(1);
        assertThat(pbx.lastPushed(LINE).orElseThrow().mode()).isEqualTo(Mode.OPEN);
    }

    @Test
    void overrideAppliesAtOnceAndExpiresByItself() {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-25T12:00"));
        start(clock, Duration.ofHours(1));
        Instant now = clock.instant();
        Instant until = now.plusMillis(1500);
        ManualOverride forward = new ManualOverride(Mode.FORWARDED, Instant.ofEpochMilli(now.toEpochMilli()),
                Instant.ofEpochMilli(until.toEpochMilli()), "anna", "Fire drill");
        app.database().write("set override", c -> {
            app.repository().overrides().set(c, LINE, forward);
            return null;
        });
        app.switchboard().reload(LINE, Trigger.OVERRIDE);
        Switch forced = app.switches().last(LINE).orElseThrow();
        assertThat(forced.to()).isEqualTo(Mode.FORWARDED);
        assertThat(forced.trigger()).isEqualTo(Trigger.OVERRIDE);
        assertThat(forced.reason()).isEqualTo(Reason.OVERRIDE);
        assertThat(pbx.lastPushed(LINE).orElseThrow().mode()).isEqualTo(Mode.FORWARDED);

        await().atMost(Duration.ofSeconds(10)).until(() -> app.switches().last(LINE).orElseThrow().to() == Mode.OPEN);
        Switch back = app.switches().last(LINE).orElseThrow();
        assertThat(back.trigger()).isEqualTo(Trigger.SCHEDULE);
        assertThat(back.effectiveAt()).isEqualTo(forward.until());
        assertThat(app.repository().overrides().find(LINE)).isEmpty();
        List<AuditLog.Entry> audit = app.audit().recent(1);
        assertThat(audit.get(0).action()).isEqualTo("override-expired");
        assertThat(audit.get(0).actor()).isEqualTo(Switchboard.SYSTEM_ACTOR);
        assertThat(pbx.lastPushed(LINE).orElseThrow().mode()).isEqualTo(Mode.OPEN);
    }

    @Test
    void watchdogCatchesAWallClockJumpAcrossABoundary() {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-25T14:00"));
        start(clock, Duration.ofMillis(300));
        assertThat(app.switches().last(LINE).orElseThrow().to()).isEqualTo(Mode.OPEN);

        // the wall clock jumps forward past 15:00: the Quartz trigger (real time) is an hour away
        clock.jumpTo(local("2026-11-25T15:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> app.switches().last(LINE).orElseThrow().to() == Mode.FORWARDED);
        Switch caught = app.switches().last(LINE).orElseThrow();
        assertThat(caught.trigger()).isEqualTo(Trigger.WATCHDOG);
        assertThat(caught.effectiveAt()).isEqualTo(local("2026-11-25T15:00"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> local("2026-11-26T10:00").equals(app.scheduler().pendingAt(LINE)));

        // and back again before 15:00: open again, exactly one more switch, no flapping
        clock.jumpTo(local("2026-11-25T14:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> app.switches().last(LINE).orElseThrow().to() == Mode.OPEN);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(app.switches().recent(LINE, 10)).extracting(Switch::to)
                .containsExactly(Mode.OPEN, Mode.FORWARDED, Mode.OPEN);
        assertThat(app.scheduler().pendingAt(LINE)).isEqualTo(local("2026-11-25T15:00"));
    }

    @Test
    void aLookForChangesElsewhereNeverUndoesAChangeMadeHereMeanwhile() throws Exception {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-25T12:00"));
        start(clock, Duration.ofHours(1));
        java.util.concurrent.atomic.AtomicBoolean looking = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread elsewhere = new Thread(() -> {
            while (looking.get()) {
                app.switchboard().reloadIfChangedElsewhere();
            }
        });
        elsewhere.start();
        int toggles = 150;
        try {
            for (int i = 0; i < toggles; i++) {
                ManualOverride forward = i % 2 == 0
                        ? new ManualOverride(Mode.FORWARDED, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                                null, "anna", "drill " + i)
                        : null;
                app.database().write("toggle override", c -> {
                    if (forward != null) {
                        app.repository().overrides().set(c, LINE, forward);
                    } else {
                        app.repository().overrides().clear(c, LINE);
                    }
                    app.audit().record(c, clock.instant(), "anna", "override-toggled", LINE, null, null);
                    return null;
                });
                app.switchboard().reload(LINE, Trigger.OVERRIDE);
            }
        } finally {
            looking.set(false);
            elsewhere.join();
        }
        // a bulk read taken before a change and applied after it would switch back and forth once more
        assertThat(app.switches().recent(LINE, 1000)).as("the start, then one switch per toggle").hasSize(1 + toggles);
        assertThat(app.lines().line(LINE).orElseThrow().setup().override()).isNull();
    }

    @Test
    void onlySwitchesStoredByAnotherInstanceMakeTheLookReloadEveryLine() {
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-25T12:00"));
        java.util.concurrent.atomic.AtomicInteger pushes = new java.util.concurrent.atomic.AtomicInteger();
        AppConfig sample = TestConfigs.sample(dir);
        app = Afterhours.open(sample, state -> pushes.incrementAndGet(), clock);
        app.start();
        app.switchboard().reloadIfChangedElsewhere();   // the first look notes where things stand

        // a switch of this instance's own (an override) is pushed once, and the look finds nothing to reload
        app.database().write("override", c -> {
            app.repository().overrides().set(c, LINE, new ManualOverride(Mode.FORWARDED, clock.instant(), null, "anna", "drill"));
            return null;
        });
        app.switchboard().reload(LINE, Trigger.OVERRIDE);
        assertThat(app.switches().last(LINE).orElseThrow().to()).isEqualTo(Mode.FORWARDED);
        int afterOwn = pushes.get();
        app.switchboard().reloadIfChangedElsewhere();
        assertThat(pushes.get()).as("no reload for this instance's own switch").isEqualTo(afterOwn);

        // the same switch table written by another instance (another store on the same database): every line again
        new SwitchStore(app.database()).record(new Switch(0, LINE, clock.instant().plusSeconds(1), clock.instant(),
                Mode.FORWARDED, Mode.OPEN, Reason.REGULAR_HOURS, "elsewhere", Trigger.EDIT));
        app.switchboard().reloadIfChangedElsewhere();
        assertThat(pushes.get()).as("a reload pushes every line").isEqualTo(afterOwn + sample.lines().size());
    }
}
