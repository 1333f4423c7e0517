package afterhours.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.routing.PbxContract;
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

    private void pushed(String mode, String dial, long until) {
        astdb.put("afterhours/trygghetscenter/mode", mode);
        astdb.put("afterhours/trygghetscenter/dial", dial);
        astdb.put("afterhours/trygghetscenter/until", Long.toString(until));
        astdb.put("afterhours/trygghetscenter/failsafe", CONTRACTOR);
    }

    private DialplanRunner.Run call(Map<String, String> agiAnswer, String... dialStatuses) {
        Iterator<String> statuses = List.of(dialStatuses).iterator();
        return dialplan.run("afterhours-incoming", "0541234567", channel, astdb, NOW, url -> agiAnswer, statuses);
    }

    @Test
    void agiOpenRingsTheOfficeForTheRingTime() {
        DialplanRunner.Run run = call(agiOpen(), "ANSWER");
        assertThat(run.agi()).containsExactly("agi://127.0.0.1:4573/route?line=trygghetscenter");
        assertThat(run.dials()).containsExactly("PJSIP/reception,20");
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "agi").containsEntry("AH_ROUTE", "office")
                .containsEntry("CALLERID(name)", "Test Caller");
    }

    @Test
    void unansweredBusyUnavailableOrCongestedOfficeOverflowsToTheContractor() {
        for (String status : List.of("NOANSWER", "BUSY", "CHANUNAVAIL", "CONGESTION")) {
            DialplanRunner.Run run = call(agiOpen(), status, "ANSWER");
            assertThat(run.dials()).as(status).containsExactly("PJSIP/reception,20", CONTRACTOR);
            assertThat(run.variables()).containsEntry("AH_ROUTE", "overflow").containsEntry("CALLERID(name)", "TC: Test Caller");
        }
    }

    @Test
    void callerGivingUpDoesNotOverflow() {
        DialplanRunner.Run run = call(agiOpen(), "CANCEL");
        assertThat(run.dials()).containsExactly("PJSIP/reception,20");
        assertThat(run.variables()).containsEntry("AH_ROUTE", "office");
    }

    @Test
    void agiForwardedRingsTheContractorWithThePrefix() {
        DialplanRunner.Run run = call(agiForwarded(), "ANSWER");
        assertThat(run.dials()).containsExactly(CONTRACTOR);
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "agi").containsEntry("AH_ROUTE", "contractor")
                .containsEntry("CALLERID(name)", "TC: Test Caller");
    }

    @Test
    void agiDownUsesThePushedStateWhileValid() {
        pushed("OPEN", "PJSIP/reception", NOW + 60);
        DialplanRunner.Run open = call(null, "NOANSWER", "ANSWER");
        assertThat(open.dials()).containsExactly("PJSIP/reception,20", CONTRACTOR);
        assertThat(open.variables()).containsEntry("AH_DECIDED_BY", "astdb").containsEntry("AH_ROUTE", "overflow");

        pushed("FORWARDED", CONTRACTOR, NOW + 60);
        DialplanRunner.Run forwarded = call(null, "ANSWER");
        assertThat(forwarded.dials()).containsExactly(CONTRACTOR);
        assertThat(forwarded.variables()).containsEntry("AH_DECIDED_BY", "astdb").containsEntry("AH_ROUTE", "contractor")
                .containsEntry("CALLERID(name)", "TC: Test Caller");
    }

    @Test
    void agiAnsweringWithoutADialAlsoFallsBackToThePushedState() {
        pushed("FORWARDED", CONTRACTOR, NOW + 60);
        DialplanRunner.Run run = call(Map.of("AH_DIAL", "", "AH_REASON", PbxContract.REASON_UNKNOWN_LINE), "ANSWER");
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "astdb");
    }

    @Test
    void stalePushedStateDialsTheFailsafe() {
        pushed("OPEN", "PJSIP/reception", NOW);   // until has passed (EPOCH >= until)
        DialplanRunner.Run run = call(null, "ANSWER");
        assertThat(run.dials()).containsExactly(CONTRACTOR);
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "failsafe").containsEntry("AH_ROUTE", "failsafe")
                .containsEntry("CALLERID(name)", "TC: Test Caller");
    }

    @Test
    void emptyAstdbStillReachesAPersonThroughTheLastResort() {
        DialplanRunner.Run run = call(null, "ANSWER");
        assertThat(run.dials()).containsExactly(LAST_RESORT);
        assertThat(run.variables()).containsEntry("AH_DECIDED_BY", "failsafe").containsEntry("AH_ROUTE", "failsafe");
    }

    @Test
    void usesOnlyStandardApplicationsAndTheContractNames() throws Exception {
        dialplan.contexts().values().forEach(extens -> extens.values().forEach(steps -> steps.forEach(step ->
                assertThat(DialplanRunner.ALLOWED_APPS).contains(step.app()))));
        String text = Files.readString(FILE);
        for (String name : List.of(PbxContract.AH_DIAL, PbxContract.AH_MODE, PbxContract.AH_RING_SECONDS,
                PbxContract.AH_OVERFLOW, PbxContract.AH_CID_PREFIX, PbxContract.AH_DECIDED_BY, PbxContract.AH_ROUTE,
                "afterhours/${AH_LINE}/" + PbxContract.KEY_DIAL, "afterhours/${AH_LINE}/" + PbxContract.KEY_MODE,
                "afterhours/${AH_LINE}/" + PbxContract.KEY_UNTIL, "afterhours/${AH_LINE}/" + PbxContract.KEY_FAILSAFE,
                "/" + PbxContract.ROUTE_SCRIPT + "?" + PbxContract.LINE_PARAMETER + "=", PbxContract.device("trygghetscenter"))) {
            assertThat(text).contains(name);
        }
    }

    @Test
    void everyCallLeavesItsRecordInTheSpoolWhenItHangsUp() {
        call(agiOpen(), "NOANSWER", "ANSWER");
        assertThat(astdb).containsEntry(PbxContract.SPOOL_FAMILY + "/1795595840.1", "1|trygghetscenter|0541234567|1795595840.1"
                + "|0701234567|Test%20Caller|" + NOW + "|" + NOW + "|agi|overflow|office:NOANSWER/overflow:ANSWER|42|16");

        astdb.clear();
        call(agiOpen(), "CANCEL");
        assertThat(astdb.get(PbxContract.SPOOL_FAMILY + "/1795595840.1")).contains("|agi|office|office:CANCEL||16");
    }

    @Test
    void theSpoolRecordOfAFailsafeCallKeepsAHostileCallerNameInOneField() {
        channel.put("CALLERID(name)", "Eve | 1|x,y;z");
        call(null, "ANSWER");
        String record = astdb.get(PbxContract.SPOOL_FAMILY + "/1795595840.1");
        assertThat(record.split("\\|", -1)).hasSize(13);
        assertThat(record).contains("|Eve%20%7C%201%7Cx%2Cy%3Bz|").contains("|failsafe|failsafe|failsafe:ANSWER|42|");
    }

    @Test
    void saysTheVersionTheServiceChecksAndListsTheModulesItNeeds() throws Exception {
        assertThat(dialplan.globals()).containsEntry(PbxContract.DIALPLAN_VARIABLE, PbxContract.DIALPLAN_VERSION);
        String text = Files.readString(FILE);
        for (String module : PbxContract.REQUIRED_MODULES) {
            assertThat(text).as("the module list in the file's header").contains(module);
        }
    }
}
