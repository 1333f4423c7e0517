package afterhours.pbx.ami;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.switching.PushedState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushedStateCheckTest {
    private static final PushedState OPEN = new PushedState("center", Mode.OPEN, Reason.REGULAR_HOURS, "PJSIP/reception",
            Instant.parse("2026-11-25T14:02:00Z"), "PJSIP/desk@contractor");

    private static Map<String, String> asPushed() {
        Map<String, String> astdb = new HashMap<>();
        PushedStateCheck.keysOf(OPEN).forEach((k, v) -> astdb.put("center/" + k, v));
        return astdb;
    }

    @Test
    void aLineAsPushedHasNoDrift() throws Exception {
        assertThat(PushedStateCheck.drift(List.of(OPEN), asPushed(), line -> "NOT_INUSE")).isEmpty();
    }

    @Test
    void aChangedKeyAMissingKeyAndAWrongLampAreEachNamed() throws Exception {
        Map<String, String> astdb = asPushed();
        astdb.put("center/dial", "PJSIP/someone-else");
        astdb.remove("center/until");
        assertThat(PushedStateCheck.drift(List.of(OPEN), astdb, line -> "INUSE")).containsOnlyKeys("center")
                .containsEntry("center", List.of("dial=PJSIP/someone-else (expected PJSIP/reception)",
                        "until=null (expected 1795615320)", "device state=INUSE (expected NOT_INUSE)"));
    }

    @Test
    void anAsteriskThatLostItsAstDbDriftedEverywhere() throws Exception {
        assertThat(PushedStateCheck.drift(List.of(OPEN), Map.of(), line -> "UNKNOWN").get("center")).hasSize(5);
    }
}
