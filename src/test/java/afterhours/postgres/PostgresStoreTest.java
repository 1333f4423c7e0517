package afterhours.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import afterhours.audit.AuditLog;
import afterhours.calllog.Answerer;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallPage;
import afterhours.calllog.CallQueryTestData;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallStats;
import afterhours.calllog.CallStatsOracle;
import afterhours.calllog.CallStatus;
import afterhours.calllog.CallStore;
import afterhours.calllog.MissedCallScenario;
import afterhours.config.AppConfig;
import afterhours.config.ConfigSeeder;
import afterhours.line.LineRepository;
import afterhours.line.LineSetup;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.store.Database;
import afterhours.store.Dialect;
import afterhours.support.TestConfigs;
import afterhours.switching.Switch;
import afterhours.switching.SwitchStore;
import afterhours.switching.Trigger;
import afterhours.users.Accounts;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same store classes on a real PostgreSQL (scripts/test starts one from Debian's packages and gives
 * its URL in AFTERHOURS_TEST_POSTGRES): migrations, lines, overrides, switches, audit, users, call log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    private ScratchDatabase scratch;
    private Database db;

    @BeforeAll
    void createDatabase() throws Exception {
        scratch = new ScratchDatabase("test");
        db = Database.openUrl(scratch.url);
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
            scratch.close();
        }
    }

    @Test
    void missedCallsAreKeptListedMarkedClaimedOnceCountedAndPurged() throws Exception {
        try (ScratchDatabase own = new ScratchDatabase("missed"); Database missed = Database.openUrl(own.url)) {
            MissedCallScenario.run(missed);
        }
    }

    @Test
    void linesSchedulesOverridesSwitchesAndAuditRoundTrip(@TempDir Path dir) {
        assertThat(db.dialect()).isEqualTo(Dialect.POSTGRES);
        AppConfig config = TestConfigs.sample(dir);
        LineRepository repo = new LineRepository(db);
        AuditLog audit = new AuditLog(db);
        assertThat(ConfigSeeder.seed(db, repo, audit, config, NOW)).containsExactly("trygghetscenter");
        assertThat(ConfigSeeder.seed(db, repo, audit, config, NOW)).isEmpty();

        ExceptionDay christmas = ExceptionDay.closed(LocalDate.parse("2026-12-23"), "Staff day");
        ManualOverride first = new ManualOverride(Mode.FORWARDED, NOW, NOW.plusSeconds(60), "anna", "drill");
        ManualOverride second = new ManualOverride(Mode.OPEN, NOW, null, "anna", null);
        long id = db.write("edit", c -> {
            long exception = repo.hours().addException(c, "trygghetscenter", christmas);
            repo.overrides().set(c, "trygghetscenter", first);
            repo.overrides().set(c, "trygghetscenter", second);   // replaces: one override per line
            audit.record(c, NOW, "anna", "override-set", "trygghetscenter", first, second);
            return exception;
        });
        LineSetup setup = repo.load("trygghetscenter").orElseThrow();
        assertThat(setup.line()).isEqualTo(config.lines().get(0).line());
        assertThat(setup.weekly()).isEqualTo(config.lines().get(0).weekly());
        assertThat(setup.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.day()).isEqualTo(christmas);
        });
        assertThat(setup.override()).isEqualTo(second);
        assertThat(setup.schedule().stateAt(Instant.parse("2026-11-25T11:00:00Z")).reason()).isEqualTo(Reason.OVERRIDE);
        assertThat(setup.schedule().stateAt(Instant.parse("2026-12-23T11:00:00Z")).reason()).isEqualTo(Reason.EXCEPTION);

        SwitchStore switches = new SwitchStore(db);
        Switch recorded = switches.record(new Switch(0, "trygghetscenter", NOW, NOW, null, Mode.OPEN, Reason.REGULAR_HOURS,
                "Open 10:00-15:00", Trigger.STARTUP));
        assertThat(recorded.id()).isPositive();
        assertThat(switches.last("trygghetscenter")).contains(recorded);
        assertThat(audit.recent(5)).extracting(AuditLog.Entry::action).containsExactly("override-set", "line-seeded");
    }

    @Test
    void callLogWritesUpsertsPagesAndStatistics() {
        CallStore calls = new CallStore(db);
        List<CallRecord> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(CallQueryTestData.call("pg." + i, "center", Instant.parse("2026-11-25T09:00:00Z").plusSeconds(i * 60L)
                    .toString(), i % 2 == 0 ? Mode.OPEN : Mode.FORWARDED, "office", i % 3 == 0 ? "nobody" : "office",
                    "070" + i, "N", 5.0 + i));
        }
        calls.write(batch);
        calls.write(batch);   // a second delivery changes nothing
        CallRecord partial = new CallRecord("pg.0", "center", null, null, null, Instant.parse("2026-11-25T10:00:00Z"), null,
                null, null, null, List.of(), Answerer.NOBODY, null, null, null, null, null, null, CallStatus.END_UNKNOWN);
        calls.write(List.of(partial));
        assertThat(calls.find("pg.0")).contains(batch.get(0));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            CallPage page = calls.page(CallFilter.all(), cursor, 7);
            page.calls().forEach(c -> seen.add(c.linkedId()));
            cursor = page.next();
        } while (cursor != null);
        assertThat(seen).hasSize(30).doesNotHaveDuplicates().startsWith("pg.29");

        CallStats.Result stats = calls.stats(new CallFilter("center", null, null, null, null, null, null),
                ZoneId.of("Europe/Stockholm"));
        assertThat(stats.total()).isEqualTo(30);
        assertThat(stats.forwarded()).isEqualTo(15);
        assertThat(stats.unanswered()).isEqualTo(10);
        assertThat(stats.medianRingSeconds()).isEqualTo(19.5);
        assertThat(calls.purgeBefore(Instant.parse("2026-11-25T09:15:00Z"))).isEqualTo(15);
    }

    @Test
    void keptCallCountsAndTheMedianMatchACallByCallCount() throws Exception {
        try (ScratchDatabase own = new ScratchDatabase("stats")) {
            Database statsDb = Database.openUrl(own.url);
            try {
                CallStore calls = new CallStore(statsDb);
                List<CallRecord> written = new ArrayList<>(CallStatsOracle.writeRandomCalls(calls, 17, 1500));
                CallStatsOracle.assertStoreMatches(calls, written);
                Instant cutoff = Instant.parse("2026-03-29T07:31:00Z");
                assertThat(calls.purgeBefore(cutoff)).isPositive();
                written.removeIf(c -> c.startedAt().isBefore(cutoff));
                CallStatsOracle.assertStoreMatches(calls, written);
            } finally {
                statsDb.close();
            }
        }
    }

    /** Schema 9 on PostgreSQL: audit entries written before it keep only what a viewer may see. */
    @Test
    void oldAuditEntriesLoseCallerNumbersUnknownParametersAndWebhookPaths() throws Exception {
        try (ScratchDatabase own = new ScratchDatabase("audit")) {
            Database first = Database.openUrl(own.url);
            afterhours.support.OldAuditRows.insertAndForgetSchema9(first);
            first.close();
            Database upgraded = Database.openUrl(own.url);
            try {
                afterhours.support.OldAuditRows.assertUpgraded(upgraded);
            } finally {
                upgraded.close();
            }
        }
    }

    @Test
    void usersAndTokens() {
        UserStore users = new UserStore(db);
        users.put("anna", Role.ADMIN, Passwords.hash("correct horse battery staple"), NOW);
        users.put("anna", Role.VIEWER, Passwords.hash("correct horse battery staple"), NOW);
        assertThat(users.find("anna").orElseThrow().role()).isEqualTo(Role.VIEWER);
        String token = Passwords.newToken();
        users.addToken("export", Role.VIEWER, Passwords.tokenHash(token), NOW);
        assertThat(users.findToken(Passwords.tokenHash(token))).isPresent();
        assertThat(users.count()).as("users, not tokens").isEqualTo(1);
        assertThat(users.admins()).isZero();
    }

    /**
     * The account rules on PostgreSQL: the generated token id, the last admin kept, and two admins demoting each
     * other at the same moment from two connections: the table lock lets one through, never both.
     */
    @Test
    void accountsKeepTheLastAdminEvenWhenTwoAdminsDemoteEachOtherAtOnce() throws Exception {
        try (ScratchDatabase accountsDb = new ScratchDatabase("accounts"); Database own = Database.openUrl(accountsDb.url)) {
            Accounts accounts = new Accounts(new UserStore(own), new AuditLog(own));
            Accounts.Actor cli = Accounts.Actor.COMMAND_LINE;
            accounts.add(cli, "pg-olga", Role.ADMIN, "correct horse battery staple", NOW);
            Accounts.CreatedToken token = accounts.createToken(cli, "pg export", Role.VIEWER, NOW);
            assertThat(token.token().id()).isPositive();
            assertThat(new UserStore(own).findToken(Passwords.tokenHash(token.secret()))).isPresent();
            accounts.revokeToken(cli, token.token().id(), NOW);
            assertThat(new UserStore(own).findToken(Passwords.tokenHash(token.secret()))).isEmpty();
            assertThatThrownBy(() -> accounts.remove(cli, "pg-olga", NOW)).hasMessageContaining("last admin");

            accounts.add(cli, "pg-anna", Role.ADMIN, null, NOW);
            try (Database other = Database.openUrl(accountsDb.url)) {
                Accounts second = new Accounts(new UserStore(other), new AuditLog(other));
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
                try {
                    var olgaDemotesAnna = two.submit(() -> demote(accounts, together, "pg-olga", "pg-anna"));
                    var annaDemotesOlga = two.submit(() -> demote(second, together, "pg-anna", "pg-olga"));
                    assertThat(List.of(olgaDemotesAnna.get(), annaDemotesOlga.get())).containsExactlyInAnyOrder(true, false);
                } finally {
                    two.shutdown();
                }
            }
            UserStore users = new UserStore(own);
            assertThat(users.all().stream().filter(u -> u.name().startsWith("pg-") && u.role() == Role.ADMIN)).hasSize(1);
        }
    }

    /** Whether {@code by} could demote {@code whom} to viewer. */
    private static boolean demote(Accounts accounts, java.util.concurrent.CyclicBarrier together, String by, String whom)
            throws Exception {
        together.await();
        try {
            accounts.change(new Accounts.Actor(by, java.util.Optional.of(by)), whom, new Accounts.Change(Role.VIEWER, null, false), NOW);
            return true;
        } catch (afterhours.validation.InvalidField e) {
            assertThat(e.rule()).isEqualTo(afterhours.validation.Rule.LAST_ADMIN);
            return false;
        }
    }
}
