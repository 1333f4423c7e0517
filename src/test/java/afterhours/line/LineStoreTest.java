package afterhours.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import afterhours.audit.AuditLog;
import afterhours.config.AppConfig;
import afterhours.config.ConfigSeeder;
import afterhours.holidays.HolidayRules;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.schedule.TimeRange;
import afterhours.store.Database;
import afterhours.store.StoreException;
import afterhours.support.TestConfigs;
import afterhours.switching.Switch;
import afterhours.switching.SwitchStore;
import afterhours.switching.Trigger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void restartKeepsEverything() {
        AppConfig config = TestConfigs.sample(dir);
        Database db = Database.open(config.database());
        LineRepository repo = new LineRepository(db);
        AuditLog audit = new AuditLog(db);
        assertThat(ConfigSeeder.seed(db, repo, audit, config, NOW)).containsExactly("trygghetscenter");

        ExceptionDay halfDay = new ExceptionDay(LocalDate.parse("2026-12-23"), LocalDate.parse("2026-12-23"),
                List.of(TimeRange.parse("10:00-12:00")), "Half day");
        ManualOverride override = new ManualOverride(Mode.FORWARDED, NOW, NOW.plusSeconds(3600), "anna", "Drill");
        long exceptionId = db.write("edit", c -> {
            long id = repo.hours().addException(c, "trygghetscenter", halfDay);
            repo.overrides().set(c, "trygghetscenter", override);
            audit.record(c, NOW, "anna", "override-set", "trygghetscenter", null, override);
            return id;
        });
        SwitchStore switches = new SwitchStore(db);
        switches.record(new Switch(0, "trygghetscenter", NOW, NOW.plusMillis(5), null, Mode.FORWARDED,
                Reason.OVERRIDE, "Forced", Trigger.OVERRIDE));
        LineSetup before = repo.load("trygghetscenter").orElseThrow();

        // a new process: everything comes back from the file, and seeding again adds nothing
        Database reopened = Database.open(config.database());
        LineRepository repo2 = new LineRepository(reopened);
        assertThat(ConfigSeeder.seed(reopened, repo2, new AuditLog(reopened), config, NOW)).isEmpty();
        LineSetup after = repo2.load("trygghetscenter").orElseThrow();
        assertThat(after).isEqualTo(before);
        assertThat(after.line()).isEqualTo(config.lines().get(0).line());
        assertThat(after.weekly()).isEqualTo(config.lines().get(0).weekly());
        assertThat(after.exceptions()).containsExactly(new HoursStore.StoredException(exceptionId, halfDay));
        assertThat(after.override()).isEqualTo(override);
        assertThat(new SwitchStore(reopened).last("trygghetscenter")).get()
                .extracting(Switch::to, Switch::trigger, Switch::appliedAt)
                .containsExactly(Mode.FORWARDED, Trigger.OVERRIDE, NOW.plusMillis(5));
        assertThat(new AuditLog(reopened).recent(10)).extracting(AuditLog.Entry::action)
                .containsExactly("override-set", "line-seeded");
    }

    /** A database seeded from the sample configuration. */
    private record Seeded(AppConfig config, Database db, LineRepository repo) { }

    private Seeded seeded() {
        AppConfig config = TestConfigs.sample(dir);
        Database db = Database.open(config.database());
        LineRepository repo = new LineRepository(db);
        ConfigSeeder.seed(db, repo, new AuditLog(db), config, NOW);
        return new Seeded(config, db, repo);
    }

    @Test
    void aScheduledSwitchAppliedByTwoInstancesIsRecordedOnce() {
        Database db = Database.open(dir.resolve("twice.db"));
        SwitchStore switches = new SwitchStore(db);
        Switch a = switches.record(new Switch(0, "trygghetscenter", NOW, NOW.plusMillis(3), Mode.FORWARDED, Mode.OPEN,
                Reason.REGULAR_HOURS, "Open 10:00-15:00", Trigger.SCHEDULE));
        Switch b = switches.record(new Switch(0, "trygghetscenter", NOW, NOW.plusMillis(9), Mode.FORWARDED, Mode.OPEN,
                Reason.REGULAR_HOURS, "Open 10:00-15:00", Trigger.SCHEDULE));
        assertThat(b).isEqualTo(a);
        assertThat(switches.recent("trygghetscenter", 10)).hasSize(1);
    }

    @Test
    void seedingOnlyAddsLinesTheDatabaseLacks() {
        Seeded s = seeded();
        Database db = s.db();
        LineRepository repo = s.repo();
        Line edited = new Line("trygghetscenter", "Edited name", List.of("0541234567"), ZoneId.of("Europe/Stockholm"),
                "PJSIP/reception", "PJSIP/other@contractor", null, 30, "TC: ", HolidayRules.SWEDEN);
        db.write("edit", c -> {
            repo.lines().update(c, edited, NOW);
            return null;
        });
        ConfigSeeder.seed(db, repo, new AuditLog(db), s.config(), NOW.plusSeconds(60));
        assertThat(repo.lines().find("trygghetscenter")).contains(edited);
    }

    @Test
    void aNumberBelongsToOneLine() {
        Seeded s = seeded();
        Database db = s.db();
        LineRepository repo = s.repo();
        Line other = new Line("victim-support", "Brottsofferjouren", List.of("0541234567"), ZoneId.of("Europe/Stockholm"),
                "PJSIP/support", "PJSIP/0771000000@contractor", null, 20, "BOJ: ", new HolidayRules("se", Set.of(), "sv"));
        assertThatThrownBy(() -> db.write("add line", c -> {
            repo.lines().insert(c, other, NOW);
            return null;
        })).isInstanceOf(StoreException.class).hasMessageContaining("number 0541234567 already belongs to line trygghetscenter");
        assertThat(repo.lines().all()).extracting(Line::id).containsExactly("trygghetscenter");
    }
}
