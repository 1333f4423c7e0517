package afterhours.pbx.ami;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.support.PushedStates;
import afterhours.switching.PushedState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushedStateCheckTest {
    private static final PushedState OPEN = PushedStates.steady("center", Mode.OPEN, Reason.REGULAR_HOURS, "PJSIP/reception",
            Instant.parse("2026-11-25T14:02:00Z"), "PJSIP/desk@contractor");

    private static Map<String, String> asPushed() {
        Map<String, String> astdb = new HashMap<>();
        PushedStateCheck.keysOf(OPEN).forEach((k, v) -> astdb.put("center/" + k, v));
        return astdb;
    }

    /** The PBX's variables as pushed, but the lamp saying {@code lamp}. */
    private static PushedStateCheck.Variables lampSaying(String lamp) {
        return name -> name.startsWith("DEVICE_STATE(") ? lamp : PushedStateCheck.variablesOf(OPEN).get(name);
    }

    @Test
    void aLineAsPushedHasNoDrift() throws Exception {
        assertThat(PushedStateCheck.drift(List.of(OPEN), asPushed(), lampSaying("NOT_INUSE"))).isEmpty();
    }

    @Test
    void aChangedKeyAMissingKeyAndAWrongLampAreEachNamed() throws Exception {
        Map<String, String> astdb = asPushed();
        astdb.put("center/mode", "FORWARDED");
        astdb.remove("center/state");
        assertThat(PushedStateCheck.drift(List.of(OPEN), astdb, lampSaying("INUSE"))).containsOnlyKeys("center")
                .containsEntry("center", List.of("state=null (expected " + OPEN.value() + ")",
                        "mode=FORWARDED (expected OPEN)", "DEVICE_STATE(Custom:afterhours-center)=INUSE (expected NOT_INUSE)"));
    }

    @Test
    void aStateMissingFromMemoryIsNamedThoughAstDbHoldsIt() throws Exception {
        // a dialplan reload with clearglobalvars=yes empties the globals: calls read AstDB's copy until repaired
        PushedStateCheck.Variables cleared = name -> name.startsWith("DEVICE_STATE(") ? "NOT_INUSE" : "";
        assertThat(PushedStateCheck.drift(List.of(OPEN), asPushed(), cleared))
                .containsEntry("center", List.of("AH_STATE_center= (expected " + OPEN.value() + ")"));
    }

    @Test
    void anAsteriskThatLostItsAstDbDriftedEverywhere() throws Exception {
        assertThat(PushedStateCheck.drift(List.of(OPEN), Map.of(), name -> name.startsWith("DEVICE_STATE(") ? "UNKNOWN" : "")
                .get("center")).hasSize(4);
    }
}
