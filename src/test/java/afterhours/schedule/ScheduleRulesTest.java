package afterhours.schedule;

import static afterhours.schedule.Schedules.STOCKHOLM;
import static afterhours.schedule.Schedules.SWEDEN;
import static afterhours.schedule.Schedules.at;
import static afterhours.schedule.Schedules.everyDay;
import static afterhours.schedule.Schedules.local;
import static afterhours.schedule.Schedules.parse;
import static afterhours.schedule.Schedules.weekdays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Precedence, ranges across midnight, DST boundaries and overrides, by name. */
class ScheduleRulesTest {

    private static Schedule of(WeeklyHours weekly, ExceptionDay... exceptions) {
        return Schedule.of(STOCKHOLM, weekly, List.of(exceptions), SWEDEN);
    }

    @Test
    void springForwardGapOpensAtFirstInstantAfter() {
        // 29 March 2026: clocks jump from 02:00 to 03:00; a range starting 02:30 opens at 03:00 CEST
        Schedule s = of(everyDay("02:30-05:00"));
        assertThat(s.stateAt(at("2026-03-29T01:59:59+01:00")).mode()).isEqualTo(Mode.FORWARDED);
        LineState open = s.stateAt(at("2026-03-29T03:00+02:00"));
        assertThat(open.mode()).isEqualTo(Mode.OPEN);
        assertThat(open.since()).isEqualTo(at("2026-03-29T03:00+02:00"));
        assertThat(s.stateAt(at("2026-03-29T02:59:59+02:00").minusSeconds(3600)).nextChange())
                .isEqualTo(at("2026-03-29T03:00+02:00"));
    }

    @Test
    void springForwardGapEndsAtFirstInstantAfter() {
        Schedule s = of(everyDay("00:00-02:30"));
        LineState open = s.stateAt(at("2026-03-29T01:30+01:00"));
        assertThat(open.nextChange()).isEqualTo(at("2026-03-29T03:00+02:00"));
    }

    @Test
    void rangeEntirelyInsideTheGapNeverOpens() {
        Schedule s = of(Schedules.everyDay("02:10-02:50"));
        assertThat(s.stateAt(at("2026-03-28T02:20+01:00")).mode()).isEqualTo(Mode.OPEN);
        LineState afterSaturday = s.stateAt(at("2026-03-28T02:50+01:00"));
        // the next opening skips the 29th (range lies in the gap) and is on the 30th
        assertThat(afterSaturday.nextChange()).isEqualTo(at("2026-03-30T02:10+02:00"));
    }

    @Test
    void autumnRepeatedHourBoundaryTakesFirstOccurrence() {
        // 25 October 2026: 02:00-03:00 happens twice (CEST, then CET); 02:30 means the first
        Schedule s = of(everyDay("02:30-05:00"));
        assertThat(s.stateAt(at("2026-10-25T02:29:59+02:00")).mode()).isEqualTo(Mode.FORWARDED);
        LineState open = s.stateAt(at("2026-10-25T02:30+02:00"));
        assertThat(open.mode()).isEqualTo(Mode.OPEN);
        assertThat(open.since()).isEqualTo(at("2026-10-25T02:30+02:00"));
        // open for 3.5 hours of real time, the repeated hour included
        assertThat(open.nextChange()).isEqualTo(at("2026-10-25T05:00+01:00"));
    }

    @Test
    void rangeCrossingMidnightBelongsToItsStartDay() {
        Map<DayOfWeek, List<TimeRange>> days = Map.of(DayOfWeek.FRIDAY, parse("22:00-02:00"));
        Schedule s = of(WeeklyHours.of(days));
        LineState saturdayNight = s.stateAt(local("2026-11-28T01:00"));
        assertThat(saturdayNight.mode()).isEqualTo(Mode.OPEN);
        assertThat(saturdayNight.reason()).isEqualTo(Reason.REGULAR_HOURS);
        assertThat(saturdayNight.since()).isEqualTo(local("2026-11-27T22:00"));
        assertThat(saturdayNight.nextChange()).isEqualTo(local("2026-11-28T02:00"));
    }

    @Test
    void rangeCrossingMidnightIntoAHolidayStillRunsToItsEnd() {
        // Wednesday 23 Dec 2026 22:00 to 02:00 runs into Julafton
        Schedule s = of(WeeklyHours.of(Map.of(DayOfWeek.WEDNESDAY, parse("22:00-02:00"))));
        assertThat(s.stateAt(local("2026-12-24T01:00")).mode()).isEqualTo(Mode.OPEN);
        LineState after = s.stateAt(local("2026-12-24T02:00"));
        assertThat(after.mode()).isEqualTo(Mode.FORWARDED);
        assertThat(after.reason()).isEqualTo(Reason.HOLIDAY);
    }

    @Test
    void untilMidnightAndWholeDay() {
        Schedule s = of(WeeklyHours.of(Map.of(DayOfWeek.MONDAY, parse("00:00-24:00"), DayOfWeek.TUESDAY,
                parse("20:00-24:00"))));
        LineState monday = s.stateAt(local("2026-11-30T12:00"));
        assertThat(monday.since()).isEqualTo(local("2026-11-30T00:00"));
        assertThat(monday.nextChange()).isEqualTo(local("2026-12-01T00:00"));
        assertThat(s.stateAt(local("2026-12-01T23:59:59")).nextChange()).isEqualTo(local("2026-12-02T00:00"));
    }

    @Test
    void adjacentRangesOfTwoDaysJoinWithoutASwitch() {
        Schedule s = of(WeeklyHours.of(Map.of(DayOfWeek.MONDAY, parse("20:00-24:00"), DayOfWeek.TUESDAY,
                parse("00:00-06:00"))));
        LineState open = s.stateAt(local("2026-11-30T21:00"));
        assertThat(open.nextChange()).isEqualTo(local("2026-12-01T06:00"));
    }

    @Test
    void exceptionClosesAWorkingDay() {
        Schedule s = of(weekdays("10:00-15:00"), ExceptionDay.closed(LocalDate.parse("2026-11-25"), "Staff training"));
        LineState state = s.stateAt(local("2026-11-25T12:00"));
        assertThat(state.mode()).isEqualTo(Mode.FORWARDED);
        assertThat(state.reason()).isEqualTo(Reason.EXCEPTION);
        assertThat(state.detail()).isEqualTo("Staff training");
        assertThat(state.since()).isEqualTo(local("2026-11-24T15:00"));
        assertThat(state.nextChange()).isEqualTo(local("2026-11-26T10:00"));
    }

    @Test
    void exceptionHalfDay() {
        Schedule s = of(weekdays("10:00-15:00"),
                new ExceptionDay(LocalDate.parse("2026-12-23"), LocalDate.parse("2026-12-23"), parse("10:00-12:00"), "Half day"));
        LineState open = s.stateAt(local("2026-12-23T11:00"));
        assertThat(open.reason()).isEqualTo(Reason.EXCEPTION);
        assertThat(open.detail()).isEqualTo("Half day (10:00-12:00)");
        assertThat(open.nextChange()).isEqualTo(local("2026-12-23T12:00"));
        LineState afternoon = s.stateAt(local("2026-12-23T13:00"));
        assertThat(afternoon.mode()).isEqualTo(Mode.FORWARDED);
        assertThat(afternoon.reason()).isEqualTo(Reason.EXCEPTION);
    }

    @Test
    void exceptionOpensAHoliday() {
        Schedule s = of(weekdays("10:00-15:00"), new ExceptionDay(LocalDate.parse("2026-06-19"),
                LocalDate.parse("2026-06-19"), parse("09:00-13:00"), "Midsummer information day"));
        LineState state = s.stateAt(local("2026-06-19T10:00"));
        assertThat(state.mode()).isEqualTo(Mode.OPEN);
        assertThat(state.reason()).isEqualTo(Reason.EXCEPTION);
        assertThat(s.stateAt(local("2026-06-19T14:00")).reason()).isEqualTo(Reason.EXCEPTION);
        assertThat(s.stateAt(local("2026-06-20T14:00")).reason()).isEqualTo(Reason.HOLIDAY);
    }

    @Test
    void exceptionRangeCoversEveryDay() {
        Schedule s = of(weekdays("10:00-15:00"), new ExceptionDay(LocalDate.parse("2026-07-06"),
                LocalDate.parse("2026-07-31"), List.of(), "Summer closure"));
        LineState july = s.stateAt(local("2026-07-15T12:00"));
        assertThat(july.reason()).isEqualTo(Reason.EXCEPTION);
        assertThat(july.since()).isEqualTo(local("2026-07-03T15:00"));
        assertThat(july.nextChange()).isEqualTo(local("2026-08-03T10:00"));
    }

    @Test
    void overlappingExceptionsAreRefused() {
        assertThatThrownBy(() -> of(weekdays("10:00-15:00"),
                new ExceptionDay(LocalDate.parse("2026-07-01"), LocalDate.parse("2026-07-10"), List.of(), null),
                ExceptionDay.closed(LocalDate.parse("2026-07-10"), null)))
                .hasMessage("exception days overlap: 2026-07-01..2026-07-10 and 2026-07-10");
    }

    @Test
    void overrideForcesForwardedUntilAnInstant() {
        Schedule s = Schedules.center().withOverride(new ManualOverride(Mode.FORWARDED, local("2026-11-25T11:00"),
                local("2026-11-25T13:00"), "anna", "Fire drill"));
        LineState forced = s.stateAt(local("2026-11-25T12:00"));
        assertThat(forced.mode()).isEqualTo(Mode.FORWARDED);
        assertThat(forced.reason()).isEqualTo(Reason.OVERRIDE);
        assertThat(forced.detail()).isEqualTo("Forced FORWARDED by anna: Fire drill");
        assertThat(forced.since()).isEqualTo(local("2026-11-25T11:00"));
        assertThat(forced.nextChange()).isEqualTo(local("2026-11-25T13:00"));
        assertThat(s.stateAt(local("2026-11-25T13:00")).reason()).isEqualTo(Reason.REGULAR_HOURS);
        assertThat(s.stateAt(local("2026-11-25T10:30")).nextChange()).isEqualTo(local("2026-11-25T11:00"));
    }

    @Test
    void openNowUntilTheNextChangeRunsUntilTheLineWouldCloseAndTheStatusSaysTheSame() {
        // forced open at 16:00 (after closing): the schedule's next change, the opening at 10:00, is to the override's
        // own mode; the override runs on until the line would close, Thursday 15:00, and the status says the same
        Schedule s = Schedules.center().withOverride(new ManualOverride(Mode.OPEN, local("2026-11-25T16:00"),
                null, "anna", null));
        assertThat(s.overrideEnd()).isEqualTo(local("2026-11-26T15:00"));
        LineState night = s.stateAt(local("2026-11-26T03:00"));
        assertThat(night.mode()).isEqualTo(Mode.OPEN);
        assertThat(night.reason()).isEqualTo(Reason.OVERRIDE);
        assertThat(night.nextChange()).isEqualTo(local("2026-11-26T15:00"));
        assertThat(night.why().until()).as("the manual setting's end, as the status's").isEqualTo(night.nextChange());
        assertThat(night.since()).isEqualTo(local("2026-11-25T16:00"));
        assertThat(s.stateAt(local("2026-11-26T11:00")).reason()).as("still by hand in the opening hours")
                .isEqualTo(Reason.OVERRIDE);
        assertThat(s.stateAt(local("2026-11-26T15:00")).reason()).isEqualTo(Reason.OUTSIDE_HOURS);
    }

    @Test
    void forwardNowUntilTheNextChangeRunsUntilTheNextOpening() {
        Schedule s = Schedules.center().withOverride(new ManualOverride(Mode.FORWARDED, local("2026-11-25T12:00"),
                null, "anna", null));
        assertThat(s.overrideEnd()).isEqualTo(local("2026-11-26T10:00"));
        assertThat(s.stateAt(local("2026-11-25T12:00")).nextChange()).isEqualTo(local("2026-11-26T10:00"));
        assertThat(s.stateAt(local("2026-11-26T10:00")).mode()).isEqualTo(Mode.OPEN);
    }

    @Test
    void anOverrideSetWhileTheScheduleAgreesEndsAtTheScheduleNextChange() {
        Schedule s = Schedules.center().withOverride(new ManualOverride(Mode.OPEN, local("2026-11-25T11:00"),
                null, "anna", null));
        assertThat(s.overrideEnd()).isEqualTo(local("2026-11-25T15:00"));
    }

    @Test
    void anExplicitEndInsideTheSameModeIsTheManualSettingsEndAndTheModeRunsOn() {
        // open by hand until 10:00, when the hours open anyway: by hand until 10:00, open until 15:00
        Schedule s = Schedules.center().withOverride(new ManualOverride(Mode.OPEN, local("2026-11-25T16:00"),
                local("2026-11-26T10:00"), "anna", "late delivery"));
        LineState state = s.stateAt(local("2026-11-25T16:00"));
        assertThat(state.why()).isEqualTo(new Detail(Detail.Kind.OVERRIDE, List.of(), null, "late delivery", "anna",
                local("2026-11-26T10:00")));
        assertThat(state.nextChange()).isEqualTo(local("2026-11-26T15:00"));
        assertThat(s.stateAt(local("2026-11-26T10:00")).why().kind()).isEqualTo(Detail.Kind.REGULAR_HOURS);
    }

    @Test
    void overrideMatchingTheScheduleDoesNotMoveSince() {
        Schedule s = Schedules.center().withOverride(new ManualOverride(Mode.FORWARDED, local("2026-11-25T16:00"),
                local("2026-11-26T12:00"), null, null));
        LineState state = s.stateAt(local("2026-11-25T17:00"));
        assertThat(state.reason()).isEqualTo(Reason.OVERRIDE);
        assertThat(state.since()).isEqualTo(local("2026-11-25T15:00"));
        assertThat(state.nextChange()).isEqualTo(local("2026-11-26T12:00"));
    }

    @Test
    void closedLineHasNoChangeInSight() {
        Schedule s = Schedule.of(STOCKHOLM, WeeklyHours.closed(), List.of(), HolidayCalendar.NONE);
        LineState state = s.stateAt(local("2026-11-25T12:00"));
        assertThat(state.mode()).isEqualTo(Mode.FORWARDED);
        assertThat(state.since()).isNull();
        assertThat(state.nextChange()).isNull();
    }

    @Test
    void weeklyOverlapAcrossMidnightIsRefused() {
        assertThatThrownBy(() -> WeeklyHours.of(Map.of(DayOfWeek.SUNDAY, parse("22:00-03:00"),
                DayOfWeek.MONDAY, parse("02:00-05:00"))))
                .hasMessage("overlapping ranges: monday 02:00-05:00 and sunday 22:00-03:00");
    }
}
