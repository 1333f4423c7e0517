package afterhours.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.calllog.Answerer;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallRoute;
import afterhours.calllog.CallStatus;
import afterhours.calllog.DecidedBy;
import afterhours.calllog.MissedCall;
import afterhours.calllog.MissedCallEntry;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.switching.Switch;
import afterhours.switching.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {
    @Test
    void countsCallsSwitchesAndRouteTimesWithoutPersonalData() {
        ServiceMetrics m = new ServiceMetrics();
        Instant t = Instant.parse("2026-11-25T09:00:00Z");
        m.callCompleted(new CallRecord("1.1", "center", "0541", "0701234567", "Anna", t, Mode.OPEN, "REGULAR_HOURS", DecidedBy.AGI,
                CallRoute.OFFICE, List.of(), Answerer.OFFICE, t, t, 1.0, 2.0, 16, "Normal Clearing", CallStatus.COMPLETE));
        m.callCompleted(new CallRecord("1.2", "center", "0541", "0709999999", "Bo", t, Mode.OPEN, "REGULAR_HOURS", DecidedBy.AGI,
                CallRoute.OFFICE, List.of(), Answerer.NOBODY, null, t, 20.0, null, 16, "Normal Clearing", CallStatus.COMPLETE));
        m.switched(new Switch(1, "center", t, t, Mode.OPEN, Mode.FORWARDED, Reason.OUTSIDE_HOURS, null, Trigger.SCHEDULE));
        m.routed(Duration.ofMillis(2));
        m.amiConnected(() -> true);
        m.lineMode("center", () -> Mode.FORWARDED);
        String text = m.scrape();
        assertThat(text).contains("afterhours_calls_total{answered=\"true\",line=\"center\",route=\"office\"} 1.0")
                .contains("afterhours_calls_total{answered=\"false\",line=\"center\",route=\"office\"} 1.0")
                .contains("afterhours_switches_total{line=\"center\",to=\"FORWARDED\"} 1.0")
                .contains("afterhours_fastagi_route_seconds_count 1")
                .contains("afterhours_ami_connected 1.0")
                .contains("afterhours_line_forwarded{line=\"center\"} 1.0")
                .doesNotContain("0701234567", "Anna");
    }

    @Test
    void countsMissedCallsByLineAndModeFromZero() {
        ServiceMetrics m = new ServiceMetrics();
        m.missedCallsOf("center");
        assertThat(m.scrape()).contains("afterhours_calls_missed_total{line=\"center\",mode=\"OPEN\"} 0.0")
                .contains("afterhours_calls_missed_total{line=\"center\",mode=\"FORWARDED\"} 0.0");
        Instant t = Instant.parse("2026-11-25T09:00:00Z");
        CallRecord call = new CallRecord("1.3", "center", "0541", "0701234567", "Anna", t, Mode.FORWARDED, "OUTSIDE_HOURS",
                DecidedBy.AGI, CallRoute.CONTRACTOR, List.of(), Answerer.NOBODY, null, t, 30.0, null, 16, "Normal Clearing",
                CallStatus.COMPLETE);
        m.missedCall(new MissedCallEntry(call, MissedCall.Why.NOBODY_REACHED, MissedCallEntry.Source.LIVE, t, null, null, null));
        assertThat(m.scrape()).contains("afterhours_calls_missed_total{line=\"center\",mode=\"FORWARDED\"} 1.0")
                .contains("afterhours_calls_missed_total{line=\"center\",mode=\"OPEN\"} 0.0")
                .doesNotContain("0701234567");
    }
}
