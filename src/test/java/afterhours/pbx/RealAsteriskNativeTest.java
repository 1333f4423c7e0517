package afterhours.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.awaitility.core.ConditionFactory;

import afterhours.asterisk.RealAsterisk;
import afterhours.asterisk.TcpCut;
import afterhours.calllog.Answerer;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallRoute;
import afterhours.calllog.CallStatus;
import afterhours.calllog.DecidedBy;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.schedule.ManualOverride;
import afterhours.routing.PbxContract;
import afterhours.schedule.Mode;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.switching.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native routing against a real Asterisk 22 (skipped with one line where none is installed): the dialplan routes
 * each call by the one packed state the service pushed, without asking the service, changes over at the boundary
 * by itself while the service is stopped, asks FastAGI when the state is missing or stale, and takes the failsafe
 * when both are gone; every call is logged once with the layer that decided it.
 */
class RealAsteriskNativeTest {
    private static final String LINE = "trygghetscenter";
    private static final String SILENT_LINE = "stille";
    private static final String SILENT_DID = "0541234568";
    private static final String BUSY_LINE = "upptagen";
    private static final String BUSY_DID = "0541234569";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    /** Every Dial the caller's AMI connection saw: "dial string|the dialling channel's caller name|epoch ms". */
    private final List<String> dials = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Three always-open lines (ring 5 s, prefix "NT: "): the lab's office answers, one never answers, one is busy. */
    private AppConfig config(int amiPort, int agiPort) {
        StringBuilder yaml = new StringBuilder("pbx:\n  ami: {enabled: false}\nlines:\n");
        for (String[] line : new String[][] {{LINE, "0541234567", "office"}, {SILENT_LINE, SILENT_DID, "silent"},
                {BUSY_LINE, BUSY_DID, "busy"}}) {
            yaml.append("  - id: ").append(line[0]).append("\n    name: ").append(line[0]).append("\n    numbers: [\"")
                    .append(line[1]).append("\"]\n    office: Local/").append(line[2]).append("@test-phones\n")
                    .append("    contractor: Local/contractor@test-phones\n    failsafe: Local/failsafe@test-phones\n")
                    .append("    ringSeconds: 5\n    callerIdPrefix: \"NT: \"\n    holidays: {calendar: none}\n    hours:\n");
            for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
                yaml.append("      ").append(day).append(": [\"00:00-24:00\"]\n");
            }
        }
        AppConfig lab = ConfigLoader.load(TestConfigs.write(dir, "native.yaml", yaml.toString()),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("native.db").toString()));
        return new AppConfig(lab.database(), new AppConfig.Http("127.0.0.1", Ports.free()),
                new AppConfig.Ami(true, "127.0.0.1", amiPort, "afterhours", RealAsterisk.SECRET, Duration.ofSeconds(2)),
                new AppConfig.FastAgi("127.0.0.1", agiPort, 5, 20), lab.stateGrace(), Duration.ofMinutes(1),
                lab.watchdogPeriod(), lab.lines(), lab.callRetention(), null);
    }

    private DefaultManagerConnection caller(RealAsterisk asterisk) throws Exception {
        DefaultManagerConnection c = new DefaultManagerConnection("127.0.0.1", asterisk.amiPort(), RealAsterisk.TESTER,
                RealAsterisk.SECRET);
        c.addEventListener(e -> {
            // the routed dials only, not the Originate's own
            if (e instanceof DialBeginEvent d && d.getDialString() != null && !d.getDialString().endsWith("@test-incoming")) {
                dials.add(d.getDialString() + "|" + d.getCallerIdName() + "|" + System.currentTimeMillis());
            }
        });
        c.login();
        open.add(c::logoff);
        return c;
    }

    /** A call to {@code did} from {@code number}. */
    private static void call(DefaultManagerConnection caller, String did, String number) throws Exception {
        call(caller, did, number, 20);
    }

    /** A call to {@code did} from {@code number}, who gives up after {@code seconds} unless answered. */
    private static void call(DefaultManagerConnection caller, String did, String number, int seconds) throws Exception {
        RealAsterisk.call(caller, did, "\"Caller\" <" + number + ">", seconds);
    }

    /** Calls {@code did} from {@code number} and waits until the call is over; returns the dials it made. */
    private List<String> callAndWait(DefaultManagerConnection caller, RealAsterisk asterisk, String did, String number)
            throws Exception {
        int before = dials.size();
        call(caller, did, number);
        // every call here dials someone: its first dial says it began (on a busy machine an Originate can take
        // longer than a fixed pause), then it is over when no channel is left
        waitUp().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> dials.size() > before);
        waitUp().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> asterisk.cli("core show channels count").contains("0 active channels"));
        return List.copyOf(dials.subList(before, dials.size()));
    }

    /**
     * The state as the PBX holds it, {@code Value: ...}, once the global the calls read and AstDB's copy say the same;
     * empty before.
     */
    private static String state(RealAsterisk asterisk) throws Exception {
        String astdb = asterisk.cli("database get afterhours " + LINE + "/state").strip();
        String name = PbxContract.stateVariable(LINE) + "=";
        String global = java.util.Arrays.stream(asterisk.cli("dialplan show globals").split("\n")).map(String::strip)
                .filter(l -> l.startsWith(name)).map(l -> l.substring(name.length())).findFirst().orElse(null);
        return astdb.equals("Value: " + global) ? astdb : "";
    }

    /** Puts {@code value} where the service keeps the state (the global and AstDB), or removes both when null. */
    private static void pbxHolds(DefaultManagerConnection caller, RealAsterisk asterisk, String value) throws Exception {
        asterisk.cli(value == null ? "database del afterhours " + LINE + "/state"
                : "database put afterhours " + LINE + "/state \"" + value + "\"");
        inMemory(caller, value);
    }

    /** Sets the global the calls read (empty: as after an Asterisk restart, before the service logs in). */
    private static void inMemory(DefaultManagerConnection caller, String value) throws Exception {
        caller.sendAction(new org.asteriskjava.manager.action.SetVarAction(PbxContract.stateVariable(LINE),
                value == null ? "" : value), 5_000);
    }

    private static void override(ServiceBeside service, Mode mode, Instant until) {
        service.app().database().write("set override", c -> {
            service.app().repository().overrides().set(c, LINE, new ManualOverride(mode, Instant.now(), until, "test", null));
            return null;
        });
        service.app().switchboard().reload(LINE, Trigger.OVERRIDE);
    }

    /** How long until the PBX holds a state that satisfies {@code pushed}, polled every 20 ms. */
    private static Duration untilPushed(RealAsterisk asterisk, java.util.function.Predicate<String> pushed, Duration within) {
        long start = System.nanoTime();
        waitUp().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> pushed.test(state(asterisk)));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void everyRouteNativelyAtTheBoundaryWithTheServiceStoppedAndTheLayersBehindIt() throws Exception {
        RealAsterisk.assumeInstalled();
        int agiPort = Ports.free();
        RealAsterisk asterisk = RealAsterisk.start(dir.resolve("asterisk"), Ports.free(), agiPort, RealAsterisk.MODULES);
        open.add(asterisk);
        asterisk.cli("dialplan add extension " + SILENT_DID + ",1,Gosub(afterhours-route,s,1(" + SILENT_LINE
                + ",Local/failsafe@test-phones,TC:,${EXTEN})) into test-incoming");
        asterisk.cli("dialplan add extension " + SILENT_DID + ",2,Hangup() into test-incoming");
        asterisk.cli("dialplan add extension " + BUSY_DID + ",1,Gosub(afterhours-route,s,1(" + BUSY_LINE
                + ",Local/failsafe@test-phones,TC:,${EXTEN})) into test-incoming");
        asterisk.cli("dialplan add extension " + BUSY_DID + ",2,Hangup() into test-incoming");
        TcpCut link = new TcpCut(asterisk.amiPort());
        open.add(link);
        AppConfig config = config(link.port(), agiPort);
        DefaultManagerConnection caller = caller(asterisk);
        ServiceBeside service = ServiceBeside.start(config);
        open.add(service);
        assertThat(asterisk.cli("dialplan show globals")).contains("AH_ROUTING=native", "AH_DIALPLAN=" + PbxContract.DIALPLAN_VERSION);
        waitUp().atMost(Duration.ofSeconds(20)).until(() -> service.ami().health().checked() != null);
        assertThat(service.ami().health().missing()).as("the self-check finds the dialplan's version and modules").isEmpty();

        // open: the office, natively
        assertThat(callAndWait(caller, asterisk, "0541234567", "0701000001")).singleElement().asString()
                .startsWith("office@test-phones|Caller|");

        // overflow after the line's own ring seconds (5, not the old 20)
        List<String> overflow = callAndWait(caller, asterisk, SILENT_DID, "0701000002");
        assertThat(overflow).hasSize(2);
        assertThat(overflow.get(0)).startsWith("silent@test-phones|");
        assertThat(overflow.get(1)).startsWith("contractor@test-phones|NT: Caller|");
        long rang = at(overflow.get(1)) - at(overflow.get(0));
        assertThat(rang).as("ms the office rang").isBetween(4_500L, 8_000L);

        // a busy office overflows at once; a caller who gives up before the overflow is not overflowed
        List<String> busy = callAndWait(caller, asterisk, BUSY_DID, "0701000010");
        assertThat(busy).hasSize(2);
        assertThat(busy.get(0)).startsWith("busy@test-phones|");
        assertThat(busy.get(1)).startsWith("contractor@test-phones|NT: Caller|");
        int dialled = dials.size();
        call(caller, SILENT_DID, "0701000011", 2);
        Thread.sleep(500);
        waitUp().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> asterisk.cli("core show channels count").contains("0 active channels"));
        assertThat(dials.subList(dialled, dials.size())).singleElement().asString().startsWith("silent@test-phones|");

        // an override reaches the PBX within a second, and calls follow it with the pushed prefix
        override(service, Mode.FORWARDED, null);
        Duration set = untilPushed(asterisk, v -> v.contains("Value: 1|") && v.contains("|FORWARDED|Local/contractor@test-phones|"),
                Duration.ofSeconds(5));
        assertThat(callAndWait(caller, asterisk, "0541234567", "0701000003")).singleElement().asString()
                .startsWith("contractor@test-phones|NT: Caller|");
        service.app().database().write("clear override", c -> service.app().repository().overrides().clear(c, LINE));
        service.app().switchboard().reload(LINE, Trigger.OVERRIDE);
        Duration cleared = untilPushed(asterisk, v -> v.contains("|OPEN|Local/office@test-phones|5|"), Duration.ofSeconds(5));
        System.out.printf("Override in AstDB after %d ms, cleared after %d ms%n", set.toMillis(), cleared.toMillis());
        assertThat(set).isLessThan(Duration.ofSeconds(1));
        assertThat(cleared).isLessThan(Duration.ofSeconds(1));
        assertThat(callAndWait(caller, asterisk, "0541234567", "0701000004")).singleElement().asString()
                .startsWith("office@test-phones|");

        // AMI down but the service up: with the state missing (an Asterisk that lost it) or stale, FastAGI answers
        String stale = "1|" + (Instant.now().getEpochSecond() - 1) + "|0|OPEN|Local/office@test-phones|5|"
                + "Local/contractor@test-phones|NT: |REGULAR_HOURS|OPEN|Local/office@test-phones|5|Local/contractor@test-phones"
                + "|NT: |REGULAR_HOURS|Local/failsafe@test-phones";
        link.cut();
        waitUp().atMost(Duration.ofSeconds(10)).until(() -> !service.ami().health().connected());
        pbxHolds(caller, asterisk, null);
        assertThat(callAndWait(caller, asterisk, "0541234567", "0701000005")).singleElement().asString()
                .startsWith("office@test-phones|");
        pbxHolds(caller, asterisk, stale);
        assertThat(callAndWait(caller, asterisk, "0541234567", "0701000006")).singleElement().asString()
                .startsWith("office@test-phones|");
        // Asterisk restarted while the link is down: its globals are the file's, AstDB kept a valid copy
        long hour = Instant.now().getEpochSecond() + 3600;
        pbxHolds(caller, asterisk, "1|" + hour + "|" + hour + stale.substring(stale.indexOf("|0|") + 2));
        inMemory(caller, null);
        assertThat(callAndWait(caller, asterisk, "0541234567", "0701000012")).as("natively, from AstDB's copy")
                .singleElement().asString().startsWith("office@test-phones|");
        link.mend();
        untilPushed(asterisk, v -> v.contains("|OPEN|Local/office@test-phones|5|"), Duration.ofSeconds(30));

        // the boundary with the service stopped: forwarded until T, open from T, and nobody pushes at T
        Instant boundary = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 4);
        override(service, Mode.FORWARDED, boundary);
        untilPushed(asterisk, v -> v.contains("|" + boundary.getEpochSecond() + "|FORWARDED|"), Duration.ofSeconds(5));
        open.remove(service);
        service.close();
        sleepUntil(boundary.minusMillis(800));
        List<String> before = callAndWait(caller, asterisk, "0541234567", "0701000007");
        sleepUntil(boundary.plusMillis(1_200));
        List<String> after = callAndWait(caller, asterisk, "0541234567", "0701000008");
        assertThat(before).as("a call at the boundary - 1 s").singleElement().asString().startsWith("contractor@test-phones|NT: ");
        assertThat(after).as("a call at the boundary + 1 s").singleElement().asString().startsWith("office@test-phones|");

        // both stale (the state's validity over, the service stopped): the failsafe
        pbxHolds(caller, asterisk, stale);
        assertThat(callAndWait(caller, asterisk, "0541234567", "0701000009")).singleElement().asString()
                .startsWith("failsafe@test-phones|");

        // back: the service collects what it could not see; each call is logged once, with the layer that decided it
        link.mend();
        ServiceBeside back = ServiceBeside.start(config);
        open.add(back);
        waitUp().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                !asterisk.cli("database show afterhours-spool").contains("/afterhours-spool/")
                        && back.calls().waiting() == 0 && back.calls().inProgress() == 0);
        List<CallRecord> rows = back.calls().store().page(CallFilter.all(), null, 100).calls();
        System.out.println("Native routing, the calls as logged: " + rows.stream().map(r -> r.callerNumber() + " "
                + r.decidedBy() + " " + r.route() + " " + r.mode() + " " + r.answeredBy()).collect(Collectors.joining("; ")));
        assertThat(rows).hasSize(12).extracting(CallRecord::linkedId).doesNotHaveDuplicates();
        assertThat(rows).allSatisfy(r -> assertThat(r.status()).isEqualTo(CallStatus.COMPLETE));
        Map<String, CallRecord> byCaller = rows.stream().collect(Collectors.toMap(CallRecord::callerNumber, r -> r));
        assertCall(byCaller.get("0701000001"), DecidedBy.NATIVE, CallRoute.OFFICE, Answerer.OFFICE);
        assertCall(byCaller.get("0701000002"), DecidedBy.NATIVE, CallRoute.OVERFLOW, Answerer.CONTRACTOR);
        assertCall(byCaller.get("0701000003"), DecidedBy.NATIVE, CallRoute.CONTRACTOR, Answerer.CONTRACTOR);
        assertCall(byCaller.get("0701000004"), DecidedBy.NATIVE, CallRoute.OFFICE, Answerer.OFFICE);
        assertCall(byCaller.get("0701000005"), DecidedBy.AGI, CallRoute.OFFICE, Answerer.OFFICE);
        assertCall(byCaller.get("0701000006"), DecidedBy.AGI, CallRoute.OFFICE, Answerer.OFFICE);
        assertCall(byCaller.get("0701000012"), DecidedBy.NATIVE, CallRoute.OFFICE, Answerer.OFFICE);
        assertCall(byCaller.get("0701000007"), DecidedBy.NATIVE, CallRoute.CONTRACTOR, Answerer.CONTRACTOR);
        // routed while the service was stopped, logged from the spool with the mode and reason the PBX routed by
        assertThat(byCaller.get("0701000007").mode()).isEqualTo(Mode.FORWARDED);
        assertThat(byCaller.get("0701000007").reason()).isEqualTo("OVERRIDE");
        assertThat(byCaller.get("0701000008").mode()).isEqualTo(Mode.OPEN);
        assertThat(byCaller.get("0701000008").reason()).isEqualTo("REGULAR_HOURS");
        assertCall(byCaller.get("0701000008"), DecidedBy.NATIVE, CallRoute.OFFICE, Answerer.OFFICE);
        assertCall(byCaller.get("0701000009"), DecidedBy.FAILSAFE, CallRoute.FAILSAFE, Answerer.CONTRACTOR);
        assertCall(byCaller.get("0701000010"), DecidedBy.NATIVE, CallRoute.OVERFLOW, Answerer.CONTRACTOR);
        assertCall(byCaller.get("0701000011"), DecidedBy.NATIVE, CallRoute.OFFICE, Answerer.NOBODY);
    }

    private static void assertCall(CallRecord r, DecidedBy decidedBy, CallRoute route, Answerer answerer) {
        assertThat(r).as("logged").isNotNull();
        assertThat(r.decidedBy()).as(r.callerNumber() + " decided by").isEqualTo(decidedBy);
        assertThat(r.route()).as(r.callerNumber() + " route").isEqualTo(route);
        assertThat(r.answeredBy()).as(r.callerNumber() + " answered by").isEqualTo(answerer);
    }

    /**
     * Awaitility that leaves other threads' exceptions alone: cutting the AMI link makes Asterisk-Java's reader thread
     * throw as it stops its event pump, which is the library's business, not this test's.
     */
    private static ConditionFactory waitUp() {
        return await().dontCatchUncaughtExceptions();
    }

    private static long at(String dial) {
        return Long.parseLong(dial.substring(dial.lastIndexOf('|') + 1));
    }

    private static void sleepUntil(Instant at) throws InterruptedException {
        long wait = Duration.between(Instant.now(), at).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
