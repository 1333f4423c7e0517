package afterhours.schedule;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What an override would do, said before it is set; the center is open on weekdays 10:00-15:00. */
class OverrideEffectTest {
    private final Schedule center = Schedules.center();

    private OverrideEffect effect(Mode mode, String now, String until) {
        Instant at = local(now);
        return center.effectOf(new ManualOverride(mode, at, until == null ? null : local(until), "anna", null), at);
    }

    @Test
    void openNowAfterClosingUntilTheNextChangeRingsTheOfficeThroughTheNight() {
        // Wednesday 15:23: "The office will ring until tomorrow 15:00, 23 hours, including the night"
        OverrideEffect e = effect(Mode.OPEN, "2026-12-02T15:23", null);
        assertThat(e.until()).isEqualTo(local("2026-12-03T15:00"));
        assertThat(e.end()).isEqualTo(local("2026-12-03T15:00"));
        assertThat(e.duration()).isEqualTo(Duration.ofHours(23).plusMinutes(37));
        assertThat(e.openOutsideHours()).as("15:23 to 10:00").isEqualTo(Duration.ofHours(18).plusMinutes(37));
        assertThat(e.forwardedDuringHours()).isZero();
        assertThat(e.night()).isTrue();
        assertThat(e.needsConfirmation()).isTrue();
        assertThat(e.then().mode()).isEqualTo(Mode.FORWARDED);
        assertThat(e.then().nextChange()).isEqualTo(local("2026-12-04T10:00"));
    }

    @Test
    void openUntilAnInstantInsideTheHoursCountsOnlyTheTimeOutsideThem() {
        OverrideEffect e = effect(Mode.OPEN, "2026-12-02T15:23", "2026-12-03T10:00");
        assertThat(e.until()).isEqualTo(local("2026-12-03T10:00"));
        assertThat(e.end()).as("the hours keep it open after the manual setting").isEqualTo(local("2026-12-03T15:00"));
        assertThat(e.then().reason()).isEqualTo(Reason.REGULAR_HOURS);
        assertThat(e.openOutsideHours()).isEqualTo(Duration.ofHours(18).plusMinutes(37));
    }

    @Test
    void openForHalfAnHourAfterClosingNeedsNoConfirmationAndTouchesNoNight() {
        OverrideEffect e = effect(Mode.OPEN, "2026-12-02T15:00", "2026-12-02T15:30");
        assertThat(e.openOutsideHours()).isEqualTo(Duration.ofMinutes(30));
        assertThat(e.night()).isFalse();
        assertThat(e.needsConfirmation()).isFalse();
    }

    @Test
    void exactlyOneHourOutsideTheHoursNeedsNoConfirmationOneMinuteMoreDoes() {
        assertThat(effect(Mode.OPEN, "2026-12-02T15:00", "2026-12-02T16:00").needsConfirmation()).isFalse();
        assertThat(effect(Mode.OPEN, "2026-12-02T15:00", "2026-12-02T16:01").needsConfirmation()).isTrue();
    }

    @Test
    void openLateInTheEveningTouchesTheNight() {
        OverrideEffect e = effect(Mode.OPEN, "2026-12-02T21:30", "2026-12-02T22:30");
        assertThat(e.night()).isTrue();
        assertThat(e.needsConfirmation()).isFalse();
    }

    @Test
    void forwardingDuringTheHoursIsSafeAndSaysHowMuchOfThemItTakes() {
        OverrideEffect e = effect(Mode.FORWARDED, "2026-12-02T12:00", null);
        assertThat(e.until()).isEqualTo(local("2026-12-03T10:00"));
        assertThat(e.forwardedDuringHours()).isEqualTo(Duration.ofHours(3));
        assertThat(e.openOutsideHours()).isZero();
        assertThat(e.night()).isFalse();
        assertThat(e.needsConfirmation()).isFalse();
    }

    @Test
    void theSpringForwardNightIsAnHourShorter() {
        // Saturday 28 March 2026 after closing: forced open until Monday 10:00 across the night the clocks skip an hour
        OverrideEffect e = effect(Mode.OPEN, "2026-03-28T12:00", "2026-03-30T10:00");
        assertThat(e.openOutsideHours()).isEqualTo(Duration.ofHours(46 - 1));
    }

    @Test
    void anOpenOverrideOnALineThatNeverOpensHasNoEndAndNeedsConfirmation() {
        Schedule closed = Schedule.of(Schedules.STOCKHOLM, WeeklyHours.closed(), java.util.List.of(), HolidayCalendar.NONE);
        Instant now = local("2026-12-02T12:00");
        OverrideEffect e = closed.effectOf(new ManualOverride(Mode.OPEN, now, null, "anna", null), now);
        assertThat(e.until()).isNull();
        assertThat(e.end()).isNull();
        assertThat(e.duration()).isNull();
        assertThat(e.then()).isNull();
        assertThat(e.openOutsideHours()).isEqualTo(OverrideEffect.HORIZON);
        assertThat(e.needsConfirmation()).isTrue();
    }
}
