package afterhours.routing;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;

import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.line.LineSetup;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A routing decision carries its own dialplan variables, in the order the route script sets them. */
class RouteDecisionTest {
    private static final AppConfig.LineConfig SAMPLE =
            ConfigLoader.load(Path.of("config/afterhours.yaml"), Map.of()).lines().get(0);

    private static LiveLine line(ManualOverride override) {
        return new LiveLine(new LineSetup(SAMPLE.line(), SAMPLE.weekly(), List.of(), override));
    }

    @Test
    void openHoursRingTheOfficeAndOverflowToTheContractor() {
        RouteDecision d = RouteDecision.at(line(null), local("2026-11-25T12:00"));
        assertThat(d.variables()).containsExactly(
                Map.entry(PbxContract.AH_DIAL, "PJSIP/reception"),
                Map.entry(PbxContract.AH_MODE, "OPEN"),
                Map.entry(PbxContract.AH_REASON, "REGULAR_HOURS"),
                Map.entry(PbxContract.AH_RING_SECONDS, "20"),
                Map.entry(PbxContract.AH_OVERFLOW, "PJSIP/0771000000@contractor"),
                Map.entry(PbxContract.AH_CID_PREFIX, "TC: "));
    }

    @Test
    void aHolidayForwardsWithTheHolidayAsReason() {
        RouteDecision d = RouteDecision.at(line(null), local("2026-12-24T12:00"));
        assertThat(d.mode()).isEqualTo(Mode.FORWARDED);
        assertThat(d.variables()).containsEntry(PbxContract.AH_DIAL, "PJSIP/0771000000@contractor")
                .containsEntry(PbxContract.AH_REASON, "HOLIDAY")
                .containsEntry(PbxContract.AH_OVERFLOW, "PJSIP/0771000000@contractor");
    }

    @Test
    void anOverrideWinsOverTheWeek() {
        ManualOverride forward = new ManualOverride(Mode.FORWARDED, local("2026-11-25T11:00"), null, "anna", "meeting");
        assertThat(RouteDecision.at(line(forward), local("2026-11-25T12:00")).variables())
                .containsEntry(PbxContract.AH_MODE, "FORWARDED").containsEntry(PbxContract.AH_REASON, "OVERRIDE");
    }

    @Test
    void theFailsafeRingsTheFailsafeDialString() {
        RouteDecision d = RouteDecision.failsafe(SAMPLE.line());
        assertThat(d.variables()).containsEntry(PbxContract.AH_DIAL, SAMPLE.line().failsafeDial())
                .containsEntry(PbxContract.AH_MODE, "FORWARDED").containsEntry(PbxContract.AH_REASON, "FAILSAFE")
                .hasSize(6);
    }

    @Test
    void anUnknownLineSetsOnlyAnEmptyDialAndTheReason() {
        assertThat(RouteDecision.unknownLine().variables()).containsExactly(
                Map.entry(PbxContract.AH_DIAL, ""), Map.entry(PbxContract.AH_REASON, "UNKNOWN_LINE"));
        assertThat(RouteDecision.unknownLine().knownLine()).isFalse();
    }
}
