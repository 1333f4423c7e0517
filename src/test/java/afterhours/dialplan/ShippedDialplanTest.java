package afterhours.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.routing.PbxContract;
import afterhours.routing.RouteDecision;
import afterhours.schedule.Mode;
import afterhours.switching.PushedState;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs config/asterisk/extensions-afterhours.conf through every layer and every office outcome. */
class ShippedDialplanTest {
    private static final Path FILE = Path.of("config/asterisk/extensions-afterhours.conf");
    private static final long NOW = 1_795_600_000L;
    private static final String CONTRACTOR = "PJSIP/0771000000@contractor";
    private static final String LAST_RESORT = "PJSIP/0771000000@contractor";

    private DialplanRunner dialplan;
    private final Map<String, String> astdb = new HashMap<>();
    private final Map<String, String> channel = new HashMap<>(Map.of("CALLERID(name)", "Test Caller",
            "CALLERID(num)", "0701234567", "UNIQUEID", "1795595840.1", "CHANNEL(linkedid)", "1795595840.1"));

    @BeforeEach
    void read() throws Exception {
        dialplan = new DialplanRunner(FILE);
    }

    private static Map<String, String> agiOpen() {
        return Map.of("AH_DIAL", "PJSIP/reception", "AH_MODE", "OPEN", "AH_REASON", "REGULAR_HOURS",
                "AH_RING_SECONDS", "20", "AH_OVERFLOW", CONTRACTOR, "AH_CID_PREFIX", "TC: ");
    }

    private static Map<String, String> agiForwarded() {
        return Map.of("AH_DIAL", CONTRACTOR, "AH_MODE", "FORWARDED", "AH_REASON", "OUTSIDE_HOURS",
                "AH_RING_SECONDS", "20", "AH_OVERFLOW", CONTRACTOR, "AH_CID_PREFIX", "TC: ");
    }

    private static final String FAILSAFE = "PJSIP/failsafe-desk";
    private static final RouteDecision OPEN = new RouteDecision("trygghetscenter", Mode.OPEN, "REGULAR_HOURS",
            "PJSIP/reception", 25, CONTRACTOR, "TC: ");
    private static final RouteDecision FORWARDED = new RouteDecision("trygghetscenter", Mode.FORWARDED, "OUTSIDE_HOURS",
            CONTRACTOR, 25, FAILSAFE, "XY: ");

    /**
     * The service's push: {@code now}, then {@code next} from {@code nextStart}, valid until {@code until}; the global
     * the calls read and AstDB's copy.
     */
    private void pushed(RouteDecision now, long nextStart, RouteDecision next, long until) {
        String value = new PushedState("trygghetscenter", now, Instant.ofEpochSecond(nextStart), next,
                Instant.ofEpochSecond(until), FAILSAFE).value();
        astdb.put("afterhours/trygghetscenter/state", value);
        dialplan.globals().put(PbxContract.stateVariable("trygghetscenter"), value);
    }

    /** Asterisk restarted: its globals are the file's again; AstDB kept its copy. */
    private void asteriskRestarted() {
        dialplan.globals().remove(PbxContract.stateVariable("trygghetscenter"));
    }

    private void pushed(RouteDecision now, long until) {
        pushed(now, until, now, until);
    }

    private void routing(String order) {
        dialplan.globals().put(PbxContract.ROUTING_VARIABLE, order);
    }

    private DialplanRunner.Run call(Map<String, String> agiAnswer, String... dialStatuses) {
        Iterator<String> statuses = List.of(dialStatuses).iterator();
        return dialplan.run("afterhours-incoming", "0541234567", channel, astdb, NOW, url -> agiAnswer, statuses);
    }

    @Test
    void agiOpenRingsTheOfficeForTheRingTime() {
        routing("agi");
        pushed(FORWARDED, NOW + 60);   // FastAGI answers first: the pushed state is not read
        DialplanRunner.Run run = call(agiOpen(), "ANSWER");
        assertThat(run.agi()).containsExactly("agi://127.0.0.1:4573/route?line=trygghetscenter");
        assertThat(run.dials()).containsExactly("PJSIP/reception,20");
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "agi").containsEntry("AH_ROUTE", "office")
                .containsEntry("CALLERID(name)", "Test Caller");
    }

    @Test
    void unansweredBusyUnavailableOrCongestedOfficeOverflowsToTheContractor() {
        routing("agi");
        for (String status : List.of("NOANSWER", "BUSY", "CHANUNAVAIL", "CONGESTION")) {
            DialplanRunner.Run run = call(agiOpen(), status, "ANSWER");
            assertThat(run.dials()).as(status).containsExactly("PJSIP/reception,20", CONTRACTOR);
            assertThat(run.variables()).containsEntry("AH_ROUTE", "overflow").containsEntry("CALLERID(name)", "TC: Test Caller");
        }
    }

    @Test
    void callerGivingUpDoesNotOverflow() {
        routing("agi");
        DialplanRunner.Run run = call(agiOpen(), "CANCEL");
        assertThat(run.dials()).containsExactly("PJSIP/reception,20");
        assertThat(run.variables()).containsEntry("AH_ROUTE", "office");
    }

    @Test
    void agiForwardedRingsTheContractorWithThePrefix() {
        routing("agi");
        DialplanRunner.Run run = call(agiForwarded(), "ANSWER");
        assertThat(run.dials()).containsExactly(CONTRACTOR);
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "agi").containsEntry("AH_ROUTE", "contractor")
                .containsEntry("CALLERID(name)", "TC: Test Caller");
    }

    @Test
    void agiDownUsesThePushedStateWhileValid() {
        routing("agi");
        pushed(OPEN, NOW + 60);
        DialplanRunner.Run open = call(null, "NOANSWER", "ANSWER");
        assertThat(open.dials()).containsExactly("PJSIP/reception,25", CONTRACTOR);
        assertThat(open.variables()).containsEntry("AH_DECIDED_BY", "astdb").containsEntry("AH_ROUTE", "overflow");

        pushed(FORWARDED, NOW + 60);
        DialplanRunner.Run forwarded = call(null, "ANSWER");
        assertThat(forwarded.dials()).containsExactly(CONTRACTOR);
        assertThat(forwarded.variables()).containsEntry("AH_DECIDED_BY", "astdb").containsEntry("AH_ROUTE", "contractor")
                .containsEntry("CALLERID(name)", "XY: Test Caller");
    }

    @Test
    void agiAnsweringWithoutADialAlsoFallsBackToThePushedState() {
        routing("agi");
        pushed(FORWARDED, NOW + 60);
        DialplanRunner.Run run = call(Map.of("AH_DIAL", "", "AH_REASON", PbxContract.REASON_UNKNOWN_LINE), "ANSWER");
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "astdb");
    }

    @Test
    void agiDownAndStalePushedStateDialsTheFailsafe() {
        routing("agi");
        pushed(OPEN, NOW);   // until has passed (EPOCH >= until)
        DialplanRunner.Run run = call(null, "ANSWER");
        assertThat(run.agi()).hasSize(1);
        assertThat(run.dials()).containsExactly(FAILSAFE);
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "failsafe").containsEntry("AH_ROUTE", "failsafe")
                .containsEntry("CALLERID(name)", "TC: Test Caller");
    }

    @Test
    void nativeRoutesByThePushedStateWithoutAskingTheService() {
        pushed(OPEN, NOW + 3600, FORWARDED, NOW + 7200);
        DialplanRunner.Run open = call(agiForwarded(), "NOANSWER", "ANSWER");
        assertThat(open.agi()).as("FastAGI not asked").isEmpty();
        assertThat(open.dials()).as("the line's own ring seconds").containsExactly("PJSIP/reception,25", CONTRACTOR);
        assertThat(open.variables()).containsEntry("AH_DECIDED_BY", "native").containsEntry("AH_ROUTE", "overflow")
                .containsEntry("AH_MODE", "OPEN").containsEntry("AH_REASON", "REGULAR_HOURS")
                .containsEntry("CALLERID(name)", "TC: Test Caller");

        pushed(FORWARDED, NOW + 3600, OPEN, NOW + 7200);
        DialplanRunner.Run forwarded = call(agiOpen(), "ANSWER");
        assertThat(forwarded.agi()).isEmpty();
        assertThat(forwarded.dials()).containsExactly(CONTRACTOR);
        assertThat(forwarded.variables()).containsEntry("AH_DECIDED_BY", "native").containsEntry("AH_ROUTE", "contractor")
                .as("the pushed prefix, not the Gosub's").containsEntry("CALLERID(name)", "XY: Test Caller");
    }

    @Test
    void nativeReadsTheStateFromMemoryAndAstDbOnlyWhileMemoryHasNone() {
        pushed(FORWARDED, NOW + 3600, OPEN, NOW + 7200);
        astdb.put("afterhours/trygghetscenter/state", astdb.get("afterhours/trygghetscenter/state")
                .replace("FORWARDED", "OPEN"));   // a copy that differs, to tell which one was read
        DialplanRunner.Run fromMemory = call(null, "ANSWER");
        assertThat(fromMemory.dials()).containsExactly(CONTRACTOR);
        assertThat(fromMemory.variables()).containsEntry("AH_MODE", "FORWARDED").doesNotContainKey("AH_FROM_ASTDB");

        asteriskRestarted();
        DialplanRunner.Run fromAstDb = call(null, "ANSWER");
        assertThat(fromAstDb.agi()).as("FastAGI not asked").isEmpty();
        assertThat(fromAstDb.variables()).containsEntry("AH_MODE", "OPEN").containsEntry("AH_DECIDED_BY", "native")
                .containsEntry("AH_FROM_ASTDB", "1");
    }

    @Test
    void afterAnAsteriskRestartAStaleAstDbCopyStillAsksFastAgiThenTheFailsafe() {
        pushed(OPEN, NOW - 10);
        asteriskRestarted();
        DialplanRunner.Run asked = call(agiForwarded(), "ANSWER");
        assertThat(asked.agi()).hasSize(1);
        assertThat(asked.variables()).containsEntry("AH_DECIDED_BY", "agi");
        DialplanRunner.Run down = call(null, "ANSWER");
        assertThat(down.agi()).as("asked once, not in a loop").hasSize(1);
        assertThat(down.dials()).containsExactly(FAILSAFE);
    }

    @Test
    void nativeChangesOverAtNextsStartToTheSecond() {
        pushed(OPEN, NOW, FORWARDED, NOW + 3600);
        DialplanRunner.Run before = dialplan.run("afterhours-incoming", "0541234567", channel, astdb, NOW - 1, url -> null,
                List.of("ANSWER").iterator());
        assertThat(before.dials()).containsExactly("PJSIP/reception,25");
        DialplanRunner.Run at = dialplan.run("afterhours-incoming", "0541234567", channel, astdb, NOW, url -> null,
                List.of("ANSWER").iterator());
        assertThat(at.dials()).containsExactly(CONTRACTOR);
        assertThat(at.variables()).containsEntry("AH_DECIDED_BY", "native").containsEntry("AH_MODE", "FORWARDED")
                .containsEntry("AH_REASON", "OUTSIDE_HOURS");
    }

    @Test
    void nativeAsksFastAgiWhenThePushedStateIsMissingStaleOrOfAnotherFormat() {
        DialplanRunner.Run missing = call(agiOpen(), "ANSWER");
        assertThat(missing.agi()).hasSize(1);
        assertThat(missing.variables()).containsEntry("AH_DECIDED_BY", "agi");

        pushed(FORWARDED, NOW);
        DialplanRunner.Run stale = call(agiOpen(), "ANSWER");
        assertThat(stale.agi()).hasSize(1);
        assertThat(stale.dials()).containsExactly("PJSIP/reception,20");
        assertThat(stale.variables()).containsEntry("AH_DECIDED_BY", "agi");

        String otherFormat = "2|" + (NOW + 60) + "|" + (NOW + 60) + "|OPEN|PJSIP/reception";
        astdb.put("afterhours/trygghetscenter/state", otherFormat);
        dialplan.globals().put(PbxContract.stateVariable("trygghetscenter"), otherFormat);
        assertThat(call(agiOpen(), "ANSWER").variables()).containsEntry("AH_DECIDED_BY", "agi");
    }

    @Test
    void nativeWithAStaleStateAndFastAgiDownDialsTheFailsafe() {
        pushed(OPEN, NOW - 10);
        DialplanRunner.Run run = call(null, "ANSWER");
        assertThat(run.agi()).hasSize(1);
        assertThat(run.dials()).containsExactly(FAILSAFE);
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "failsafe").containsEntry("AH_ROUTE", "failsafe")
                .containsEntry("CALLERID(name)", "TC: Test Caller");
    }

    @Test
    void aLineMayChooseItsOwnRouting() {
        pushed(FORWARDED, NOW + 60);
        Map<String, String> args = Map.of("ARG1", "trygghetscenter", "ARG2", LAST_RESORT, "ARG3", "TC: ", "ARG4", "0541234567",
                "ARG5", "agi");
        DialplanRunner.Run run = dialplan.run("afterhours-route", "s", args, channel, astdb, NOW, url -> agiOpen(),
                List.of("ANSWER").iterator());
        assertThat(run.agi()).hasSize(1);
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "agi");

        routing("agi");
        DialplanRunner.Run nativeLine = dialplan.run("afterhours-route", "s", Map.of("ARG1", "trygghetscenter", "ARG2",
                LAST_RESORT, "ARG3", "TC: ", "ARG4", "0541234567", "ARG5", "native"), channel, astdb, NOW, url -> agiOpen(),
                List.of("ANSWER").iterator());
        assertThat(nativeLine.agi()).isEmpty();
        assertThat(nativeLine.variables()).containsEntry("AH_DECIDED_BY", "native");
    }

    @Test
    void emptyAstdbStillReachesAPersonThroughTheLastResort() {
        for (String order : List.of("native", "agi")) {
            routing(order);
            DialplanRunner.Run run = call(null, "ANSWER");
            assertThat(run.dials()).as(order).containsExactly(LAST_RESORT);
            assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "failsafe").containsEntry("AH_ROUTE", "failsafe");
        }
    }

    @Test
    void usesOnlyStandardApplicationsAndTheContractNames() throws Exception {
        dialplan.contexts().values().forEach(extens -> extens.values().forEach(steps -> steps.forEach(step ->
                assertThat(DialplanRunner.ALLOWED_APPS).contains(step.app()))));
        String text = Files.readString(FILE);
        for (String name : List.of(PbxContract.AH_DIAL, PbxContract.AH_MODE, PbxContract.AH_RING_SECONDS,
                PbxContract.AH_OVERFLOW, PbxContract.AH_CID_PREFIX, PbxContract.AH_DECIDED_BY, PbxContract.AH_ROUTE,
                PbxContract.AH_REASON, PbxContract.AH_STATE, PbxContract.ROUTING_VARIABLE,
                "afterhours/${AH_LINE}/" + PbxContract.KEY_STATE, "${CUT(AH_STATE," + PbxContract.STATE_SEPARATOR + ",",
                "\"" + PbxContract.STATE_VERSION + "\"", PbxContract.ROUTING_AGI,
                "/" + PbxContract.ROUTE_SCRIPT + "?" + PbxContract.LINE_PARAMETER + "=", PbxContract.device("trygghetscenter"))) {
            assertThat(text).contains(name);
        }
    }

    @Test
    void everyCallLeavesItsRecordInTheSpoolWhenItHangsUp() {
        call(agiOpen(), "NOANSWER", "ANSWER");
        assertThat(astdb).containsEntry(PbxContract.SPOOL_FAMILY + "/1795595840.1", "2|trygghetscenter|0541234567|1795595840.1"
                + "|0701234567|Test%20Caller|" + NOW + "|" + NOW + "|agi|overflow|office:NOANSWER/overflow:ANSWER|42|16"
                + "|OPEN|REGULAR_HOURS");

        astdb.clear();
        call(agiOpen(), "CANCEL");
        assertThat(astdb.get(PbxContract.SPOOL_FAMILY + "/1795595840.1")).contains("|agi|office|office:CANCEL||16|OPEN|");

        astdb.clear();
        pushed(FORWARDED, NOW + 60);
        call(null, "ANSWER");
        assertThat(astdb.get(PbxContract.SPOOL_FAMILY + "/1795595840.1")).as("routed natively")
                .endsWith("|native|contractor|contractor:ANSWER|42|16|FORWARDED|OUTSIDE_HOURS");
    }

    @Test
    void theSpoolRecordOfAFailsafeCallKeepsAHostileCallerNameInOneField() {
        channel.put("CALLERID(name)", "Eve | 1|x,y;z");
        call(null, "ANSWER");
        String record = astdb.get(PbxContract.SPOOL_FAMILY + "/1795595840.1");
        assertThat(record.split("\\|", -1)).hasSize(15);
        assertThat(record).contains("|Eve%20%7C%201%7Cx%2Cy%3Bz|").endsWith("|failsafe|failsafe|failsafe:ANSWER|42|16||");
    }

    @Test
    void saysTheVersionTheServiceChecksAndListsTheModulesItNeeds() throws Exception {
        assertThat(dialplan.globals()).containsEntry(PbxContract.DIALPLAN_VARIABLE, PbxContract.DIALPLAN_VERSION)
                .containsEntry(PbxContract.ROUTING_VARIABLE, PbxContract.ROUTING_NATIVE);
        String text = Files.readString(FILE);
        for (String module : PbxContract.REQUIRED_MODULES) {
            assertThat(text).as("the module list in the file's header").contains(module);
        }
    }
}
