package afterhours.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.asterisk.RawAmiListener;
import afterhours.audit.AuditLog;
import afterhours.config.Databases;
import afterhours.store.Database;
import afterhours.subject.PbxSpool;
import afterhours.subject.Subjects;
import java.time.Instant;
import afterhours.asterisk.RealAsterisk;
import afterhours.calllog.CallEventSink;
import afterhours.calllog.CallLog;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallRoute;
import afterhours.calllog.CallStatus;
import afterhours.calllog.DecidedBy;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.schedule.Mode;
import afterhours.support.Ports;
import afterhours.switching.PushedState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Asterisk 22 (skipped with one line where none is installed): the shipped dialplan loads on
 * a minimal set of modules and the service's self-check agrees; the service routes a real call through
 * FastAGI and logs it; with the service gone, the dialplan's failsafe layer still rings a person.
 */
class RealAsteriskTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RealAsterisk asterisk(List<String> modules, int agiPort) throws Exception {
        RealAsterisk.assumeInstalled();
        RealAsterisk a = RealAsterisk.start(dir.resolve("asterisk"), Ports.free(), agiPort, modules, "agi");
        open.add(a);
        return a;
    }

    private AppConfig config(RealAsterisk asterisk, int agiPort) {
        AppConfig lab = ConfigLoader.load(Path.of("src/test/resources/config/lab.yaml"),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("real.db").toString()));
        return new AppConfig(lab.database(), lab.http(),
                // FastAGI first: these tests are of the agi routing (RealAsteriskNativeTest has the native one)
                new AppConfig.Ami(true, "127.0.0.1", asterisk.amiPort(), "afterhours", RealAsterisk.SECRET,
                        Duration.ofSeconds(2), AppConfig.Routing.AGI), new AppConfig.FastAgi("127.0.0.1", agiPort, 5, 20), lab.stateGrace(),
                Duration.ofMinutes(1), lab.watchdogPeriod(), lab.lines(), lab.callRetention(), null);
    }

    /** A caller of its own: originates calls to the test DID and watches the dials. */
    private DefaultManagerConnection caller(RealAsterisk asterisk, List<String> dials) throws Exception {
        DefaultManagerConnection c = new DefaultManagerConnection("127.0.0.1", asterisk.amiPort(), RealAsterisk.TESTER,
                RealAsterisk.SECRET);
        c.addEventListener(e -> {
            if (e instanceof DialBeginEvent d && d.getDialString() != null) {
                dials.add(d.getDialString());
            }
        });
        c.login();
        open.add(c::logoff);
        return c;
    }

    private static void call(DefaultManagerConnection caller) throws Exception {
        RealAsterisk.call(caller, "0541234567", "\"Test Caller\" <0701234567>", 20);
    }

    @Test
    void theSelfCheckFindsAMinimalAsteriskComplete() throws Exception {
        int agiPort = Ports.free();
        RealAsterisk asterisk = asterisk(RealAsterisk.MODULES, agiPort);
        assertThat(asterisk.cli("dialplan show afterhours-route")).contains("AGI(agi://127.0.0.1:" + agiPort);
        AmiPbxGateway gateway = gateway(asterisk, agiPort);
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.health().checked() != null
                && gateway.health().lastPush() != null);
        assertThat(gateway.health().missing()).isEmpty();
        assertThat(asterisk.cli("database show afterhours")).contains("/afterhours/trygghetscenter/state", "/afterhours/trygghetscenter/mode");
        assertThat(asterisk.cli("dialplan show globals")).contains("AH_ROUTING=agi");
    }

    @Test
    void theSelfCheckNamesAModuleTheRealAsteriskLacks() throws Exception {
        int agiPort = Ports.free();
        List<String> modules = new ArrayList<>(RealAsterisk.MODULES);
        modules.remove("func_devstate");
        RealAsterisk asterisk = asterisk(modules, agiPort);
        AmiPbxGateway gateway = gateway(asterisk, agiPort);
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.health().checked() != null);
        assertThat(gateway.health().missing()).contains("modules not loaded: func_devstate (modules.conf: load => NAME.so)");
    }

    private AmiPbxGateway gateway(RealAsterisk asterisk, int agiPort) throws Exception {
        AppConfig config = config(asterisk, agiPort);
        Afterhours app = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC());
        open.add(app);
        AmiPbxGateway gateway = new AmiPbxGateway(config.ami(), config.verifyPeriod(), Clock.systemUTC(),
                CallEventSink.NONE);
        open.add(gateway);
        app.start();
        gateway.push(PushedState.of(app.switchboard().line("trygghetscenter").orElseThrow(),
                app.switchboard().stateNow("trygghetscenter"), config.stateGrace()));
        gateway.start();
        return gateway;
    }

    @Test
    void theServiceRoutesARealCallAndWithTheServiceGoneTheFailsafeRingsAPerson() throws Exception {
        int agiPort = Ports.free();
        RealAsterisk asterisk = asterisk(RealAsterisk.MODULES, agiPort);
        AppConfig config = config(asterisk, agiPort);
        List<CallRecord> logged = new CopyOnWriteArrayList<>();
        ServiceBeside service = ServiceBeside.start(config, logged::add);
        open.add(service);
        String expected = service.app().switchboard().stateNow("trygghetscenter").mode() == Mode.OPEN
                ? "office@test-phones" : "contractor@test-phones";

        List<String> dials = new CopyOnWriteArrayList<>();
        DefaultManagerConnection caller = caller(asterisk, dials);
        call(caller);
        await().atMost(Duration.ofSeconds(30)).until(() -> !logged.isEmpty());
        CallRecord routed = logged.get(0);
        assertThat(routed.decidedBy()).isEqualTo(DecidedBy.AGI);
        assertThat(routed.route()).isIn(CallRoute.OFFICE, CallRoute.CONTRACTOR);
        assertThat(routed.status()).isEqualTo(CallStatus.COMPLETE);
        assertThat(routed.callerNumber()).isEqualTo("0701234567");
        assertThat(dials).contains(expected);

        // the service stops, and Asterisk forgets the pushed state: only the dialplan is left
        open.remove(service);
        service.close();
        asterisk.forgetPushedState("trygghetscenter");
        dials.clear();
        call(caller);
        await().atMost(Duration.ofSeconds(30)).until(() -> dials.contains("failsafe@test-phones"));
        // and the call's record waits in the spool, written by the dialplan when the call hung up
        await().atMost(Duration.ofSeconds(30)).until(() -> asterisk.cli("database show afterhours-spool").contains("|failsafe|"));
        String spool = asterisk.cli("database show afterhours-spool");
        System.out.println("Spool after the service went: " + spool.strip());
        assertThat(spool).containsPattern("2\\|trygghetscenter\\|0541234567\\|[0-9.]+\\|0701234567\\|Test%20Caller\\|\\d+\\|\\d+"
                + "\\|failsafe\\|failsafe\\|failsafe:ANSWER\\|\\d+\\|16\\|\\|");

        // the service comes back: the call it could not see is in its log exactly once, and the spool empties
        ServiceBeside back = ServiceBeside.start(config);
        open.add(back);
        CallLog callLog2 = back.calls();
        await().atMost(Duration.ofSeconds(60)).until(() -> !asterisk.cli("database show afterhours-spool").contains("/afterhours-spool/"));
        List<CallRecord> rows = callLog2.store().page(afterhours.calllog.CallFilter.all(), null, 10).calls();
        assertThat(rows).hasSize(2);
        CallRecord failsafe = rows.stream().filter(r -> r.decidedBy() == DecidedBy.FAILSAFE).findFirst().orElseThrow();
        assertThat(failsafe.route()).isEqualTo(CallRoute.FAILSAFE);
        assertThat(failsafe.answeredBy()).isEqualTo(afterhours.calllog.Answerer.CONTRACTOR);
        assertThat(failsafe.callerNumber()).isEqualTo("0701234567");
        assertThat(failsafe.did()).isEqualTo("0541234567");
        assertThat(failsafe.hangupCause()).isEqualTo(16);
        assertThat(rows.stream().filter(r -> r.linkedId().equals(routed.linkedId())).findFirst().orElseThrow())
                .as("the call seen live keeps its live row").isEqualTo(callLog2.store().find(routed.linkedId()).orElseThrow())
                .extracting(CallRecord::decidedBy).isEqualTo(DecidedBy.AGI);    }

    /** Every caller number and name the call log holds, whichever call. */
    private static List<String> callers(Database db) {
        return db.read("callers", c -> {
            List<String> out = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT caller_number, caller_name FROM call")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
            return out;
        });
    }

    @Test
    void aCallRoutedWhileTheServiceWasDownAndErasedBeforeItIsCollectedNeverReachesTheLogWithItsNumber() throws Exception {
        int agiPort = Ports.free();
        RealAsterisk asterisk = asterisk(RealAsterisk.MODULES, agiPort);
        AppConfig config = config(asterisk, agiPort);
        ServiceBeside first = ServiceBeside.start(config);   // the database and the pushed state, then gone
        first.close();
        asterisk.forgetPushedState("trygghetscenter");
        List<String> dials = new CopyOnWriteArrayList<>();
        call(caller(asterisk, dials));
        await().atMost(Duration.ofSeconds(30)).until(() -> asterisk.cli("database show afterhours-spool").contains("|0701234567|"));

        // the caller's erasure, on the command line's terms: the service is down, the PBX not reached
        try (Database db = Databases.open(config)) {
            Subjects subjects = Afterhours.subjects(config, db, new AuditLog(db), PbxSpool.NOT_CONNECTED);
            Subjects.Erasure erased = subjects.erase(subjects.number("+46701234567", "number"), "admin", "art. 17",
                    Instant.now());
            assertThat(erased.spool().read()).isFalse();
            assertThat(erased.spool().note()).contains("erased when collected");
        }

        ServiceBeside back = ServiceBeside.start(config);
        open.add(back);
        await().atMost(Duration.ofSeconds(60)).until(() -> !asterisk.cli("database show afterhours-spool").contains("/afterhours-spool/"));
        List<CallRecord> rows = back.calls().store().page(afterhours.calllog.CallFilter.all(), null, 10).calls();
        assertThat(rows).as("the call is counted, without who made it").singleElement().satisfies(r -> {
            assertThat(r.decidedBy()).isEqualTo(DecidedBy.FAILSAFE);
            assertThat(r.callerNumber()).isNull();
            assertThat(r.callerName()).isNull();
            assertThat(r.did()).isEqualTo("0541234567");
        });
        assertThat(callers(back.app().database())).containsExactly("null/null");
    }

    @Test
    void anErasedNumberCallingAgainThroughAmiIsErasedOnArrivalAndTheSpoolIsReadAndRewrittenThroughAmi() throws Exception {
        int agiPort = Ports.free();
        RealAsterisk asterisk = asterisk(RealAsterisk.MODULES, agiPort);
        AppConfig config = config(asterisk, agiPort);
        List<CallRecord> logged = new CopyOnWriteArrayList<>();
        ServiceBeside service = ServiceBeside.start(config, logged::add);
        open.add(service);
        Database db = service.app().database();
        Subjects subjects = Afterhours.subjects(config, db, new AuditLog(db), service.ami().spool());
        // a record of a call still going on, as the dialplan writes it: left in the spool until it is settled
        long end = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        asterisk.cli("database put afterhours-spool 1764250000.7 \"1|trygghetscenter|0541234567|1764250000.7|"
                + "%2B46701234567|Anna%20Andersson|" + (end - 60) + "|" + end + "|agi|office|office:ANSWER|30|16\"");

        Subjects.Document before = subjects.export(subjects.number("0701234567", "number"), "admin", Instant.now());
        assertThat(before.spool().read()).isTrue();
        assertThat(before.records()).filteredOn(r -> r.kind().equals("pbx-spool")).singleElement()
                .satisfies(r -> assertThat(r.data()).containsEntry("callerName", "Anna Andersson"));

        Subjects.Erasure erased = subjects.erase(subjects.number("0701234567", "number"), "admin", "art. 17", Instant.now());
        assertThat(erased.erased()).containsEntry("pbx-spool", 1);
        assertThat(asterisk.cli("database show afterhours-spool")).contains("1|trygghetscenter|0541234567|1764250000.7|||")
                .doesNotContain("701234567", "Anna");
        asterisk.cli("database del afterhours-spool 1764250000.7");

        // the same caller rings again: the live call, seen through AMI and FastAGI, is logged without the number
        List<String> dials = new CopyOnWriteArrayList<>();
        call(caller(asterisk, dials));
        await().atMost(Duration.ofSeconds(30)).until(() -> !logged.isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> service.calls().waiting() == 0);
        CallRecord routed = service.calls().store().find(logged.get(0).linkedId()).orElseThrow();
        assertThat(routed.decidedBy()).isEqualTo(DecidedBy.AGI);
        assertThat(routed.callerNumber()).isNull();
        assertThat(routed.callerName()).isNull();
        // and its spool record, collected a round later, adds nothing
        await().atMost(Duration.ofSeconds(60)).until(() -> !asterisk.cli("database show afterhours-spool").contains("/afterhours-spool/"));
        assertThat(callers(db)).containsOnly("null/null");
    }

    @Test
    void theShippedAccountReceivesOnlyTheEventsTheCallLogReadsAndEveryCallIsStillLoggedInFull() throws Exception {
        int agiPort = Ports.free();
        RealAsterisk asterisk = asterisk(RealAsterisk.MODULES, agiPort);
        // the same calls seen by the shipped (filtered) account and by an account without filters
        RawAmiListener filtered = RawAmiListener.login(asterisk.amiPort(), "afterhours", RealAsterisk.SECRET);
        open.add(filtered);
        RawAmiListener everything = RawAmiListener.login(asterisk.amiPort(), RealAsterisk.TESTER, RealAsterisk.SECRET);
        open.add(everything);
        List<CallRecord> logged = new CopyOnWriteArrayList<>();
        ServiceBeside service = ServiceBeside.start(config(asterisk, agiPort), logged::add);
        open.add(service);
        DefaultManagerConnection caller = caller(asterisk, new CopyOnWriteArrayList<>());
        int calls = 10;
        for (int i = 1; i <= calls; i++) {
            call(caller);
            int expected = i;
            await().atMost(Duration.ofSeconds(30)).until(() -> logged.size() == expected);
        }
        Thread.sleep(500);      // the last call's trailing events

        assertThat(logged).hasSize(calls).allSatisfy(c -> {
            assertThat(c.decidedBy()).isEqualTo(DecidedBy.AGI);
            assertThat(c.route()).isIn(CallRoute.OFFICE, CallRoute.CONTRACTOR);
            assertThat(c.status()).isEqualTo(CallStatus.COMPLETE);
            assertThat(c.answeredBy()).isNotEqualTo(afterhours.calllog.Answerer.NOBODY);
            assertThat(c.attempts()).hasSize(1);
            assertThat(c.talkSeconds()).isGreaterThan(0.5);
            assertThat(c.callerNumber()).isEqualTo("0701234567");
        });
        System.out.printf("AMI events per call: %.1f unfiltered (%d bytes), %.1f through the shipped filters (%d bytes)%n"
                        + "  unfiltered: %s%n  filtered:   %s%n", everything.total() / (double) calls,
                everything.bytes() / calls, filtered.total() / (double) calls, filtered.bytes() / calls,
                everything.events(), filtered.events());
        assertThat(filtered.events().keySet()).isSubsetOf("Newchannel", "Hangup", "DialBegin", "DialEnd", "VarSet");
        assertThat(filtered.count("VarSet")).isLessThan(everything.count("VarSet") / 4);
        assertThat(filtered.total()).isLessThan(everything.total() / 3);
    }
}
