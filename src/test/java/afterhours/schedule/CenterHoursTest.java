package afterhours.schedule;

import static afterhours.schedule.Schedules.at;
import static afterhours.schedule.Schedules.center;
import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The safety center's default hours (weekdays 10-15) against every Swedish holiday of 2026 and 2027. */
class CenterHoursTest {
    private final Schedule schedule = center();

    static Stream<Arguments> swedishHolidays() {
        return Stream.of(
                // 2026
                Arguments.of("2026-01-01", "NEW_YEAR", "Nyårsdagen"),
                Arguments.of("2026-01-06", "EPIPHANY", "Trettondedag jul"),
                Arguments.of("2026-04-03", "GOOD_FRIDAY", "Långfredag"),
                Arguments.of("2026-04-05", "EASTER", "Påskdagen"),
                Arguments.of("2026-04-06", "EASTER_MONDAY", "Annandag påsk"),
                Arguments.of("2026-05-01", "LABOUR_DAY", "Första maj"),
                Arguments.of("2026-05-14", "ASCENSION_DAY", "Kristi himmelfärdsdag"),
                Arguments.of("2026-05-24", "PENTECOST", "Pingstdagen"),
                Arguments.of("2026-06-06", "NATIONAL_DAY", "Sveriges nationaldag"),
                Arguments.of("2026-06-19", "MIDSUMMER_EVE", "Midsommarafton"),
                Arguments.of("2026-06-20", "MIDSUMMER", "Midsommardagen"),
                Arguments.of("2026-10-31", "ALL_SAINTS", "Alla helgons dag"),
                Arguments.of("2026-12-24", "CHRISTMAS_EVE", "Julafton"),
                Arguments.of("2026-12-25", "CHRISTMAS", "Juldagen"),
                Arguments.of("2026-12-26", "BOXING_DAY", "Annandag jul"),
                Arguments.of("2026-12-31", "NEW_YEARS_EVE", "Nyårsafton"),
                // 2027
                Arguments.of("2027-01-01", "NEW_YEAR", "Nyårsdagen"),
                Arguments.of("2027-01-06", "EPIPHANY", "Trettondedag jul"),
                Arguments.of("2027-03-26", "GOOD_FRIDAY", "Långfredag"),
                Arguments.of("2027-03-28", "EASTER", "Påskdagen"),
                Arguments.of("2027-03-29", "EASTER_MONDAY", "Annandag påsk"),
                Arguments.of("2027-05-01", "LABOUR_DAY", "Första maj"),
                Arguments.of("2027-05-06", "ASCENSION_DAY", "Kristi himmelfärdsdag"),
                Arguments.of("2027-05-16", "PENTECOST", "Pingstdagen"),
                Arguments.of("2027-06-06", "NATIONAL_DAY", "Sveriges nationaldag"),
                Arguments.of("2027-06-25", "MIDSUMMER_EVE", "Midsommarafton"),
                Arguments.of("2027-06-26", "MIDSUMMER", "Midsommardagen"),
                Arguments.of("2027-11-06", "ALL_SAINTS", "Alla helgons dag"),
                Arguments.of("2027-12-24", "CHRISTMAS_EVE", "Julafton"),
                Arguments.of("2027-12-25", "CHRISTMAS", "Juldagen"),
                Arguments.of("2027-12-26", "BOXING_DAY", "Annandag jul"),
                Arguments.of("2027-12-31", "NEW_YEARS_EVE", "Nyårsafton"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("swedishHolidays")
    void holidayIsForwardedAllDayWithItsName(String date, String key, String name) {
        LocalDate day = LocalDate.parse(date);
        for (String time : List.of("00:00", "09:59", "10:00", "12:00", "14:59", "15:00", "23:59")) {
            LineState state = schedule.stateAt(local(date + "T" + time));
            assertThat(state.mode()).as("%s %s", date, time).isEqualTo(Mode.FORWARDED);
            assertThat(state.reason()).isEqualTo(Reason.HOLIDAY);
            assertThat(state.detail()).isEqualTo(name);
        }
        assertThat(Schedules.SWEDEN.on(day)).map(Holiday::key).contains(key);
        // the line opens again at 10:00 on the first working day after the holiday
        LineState noon = schedule.stateAt(local(date + "T12:00"));
        LocalDate reopening = day.plusDays(1);
        while (reopening.getDayOfWeek().getValue() > 5 || Schedules.SWEDEN.on(reopening).isPresent()) {
            reopening = reopening.plusDays(1);
        }
        assertThat(noon.nextChange()).isEqualTo(local(reopening + "T10:00"));
        assertThat(noon.nextMode()).isEqualTo(Mode.OPEN);
    }

    @Test
    void exactlyTheSixteenClosingDaysOfEachYear() {
        assertThat(Schedules.SWEDEN.inYear(2026)).hasSize(16);
        assertThat(Schedules.SWEDEN.inYear(2027)).hasSize(16);
        assertThat(swedishHolidays()).hasSize(32);
    }

    @Test
    void ordinaryWeekdayOpensAtTenAndClosesAtThree() {
        assertThat(schedule.stateAt(local("2026-11-25T09:59:59")).mode()).isEqualTo(Mode.FORWARDED);
        LineState open = schedule.stateAt(local("2026-11-25T10:00"));
        assertThat(open.mode()).isEqualTo(Mode.OPEN);
        assertThat(open.reason()).isEqualTo(Reason.REGULAR_HOURS);
        assertThat(open.since()).isEqualTo(local("2026-11-25T10:00"));
        assertThat(open.nextChange()).isEqualTo(local("2026-11-25T15:00"));
        LineState closed = schedule.stateAt(local("2026-11-25T15:00"));
        assertThat(closed.mode()).isEqualTo(Mode.FORWARDED);
        assertThat(closed.reason()).isEqualTo(Reason.OUTSIDE_HOURS);
    }

    @Test
    void closesExactlyAtEndOfRange() {
        assertThat(schedule.stateAt(local("2026-11-25T14:59:59.999")).mode()).isEqualTo(Mode.OPEN);
        assertThat(schedule.stateAt(local("2026-11-25T15:00")).mode()).isEqualTo(Mode.FORWARDED);
    }

    @Test
    void weekendIsForwardedFromFridayAfternoonToMondayMorning() {
        LineState saturday = schedule.stateAt(local("2026-11-28T12:00"));
        assertThat(saturday.mode()).isEqualTo(Mode.FORWARDED);
        assertThat(saturday.reason()).isEqualTo(Reason.OUTSIDE_HOURS);
        assertThat(saturday.since()).isEqualTo(local("2026-11-27T15:00"));
        assertThat(saturday.nextChange()).isEqualTo(local("2026-11-30T10:00"));
    }

    @Test
    void christmas2026IsForwardedFromWednesdayAfternoonToMonday() {
        LineState eve = schedule.stateAt(local("2026-12-24T12:00"));
        assertThat(eve.since()).isEqualTo(local("2026-12-23T15:00"));
        assertThat(eve.nextChange()).isEqualTo(local("2026-12-28T10:00"));
        // New Year: Thursday 31st and Friday 1st closed, back on Monday 4 January 2027
        LineState newYear = schedule.stateAt(local("2026-12-31T11:00"));
        assertThat(newYear.since()).isEqualTo(local("2026-12-30T15:00"));
        assertThat(newYear.nextChange()).isEqualTo(local("2027-01-04T10:00"));
    }

    @Test
    void easter2027SpansFourDays() {
        LineState goodFriday = schedule.stateAt(local("2027-03-26T12:00"));
        assertThat(goodFriday.since()).isEqualTo(local("2027-03-25T15:00"));
        assertThat(goodFriday.nextChange()).isEqualTo(local("2027-03-30T10:00"));
    }

    @Test
    void springForwardWeekend2026KeepsLocalOpeningTimes() {
        LineState saturday = schedule.stateAt(at("2026-03-28T12:00+01:00"));
        assertThat(saturday.since()).isEqualTo(at("2026-03-27T15:00+01:00"));
        assertThat(saturday.nextChange()).isEqualTo(at("2026-03-30T10:00+02:00"));
    }

    @Test
    void autumnWeekend2026KeepsLocalOpeningTimes() {
        LineState sunday = schedule.stateAt(at("2026-10-25T02:30+01:00"));
        assertThat(sunday.since()).isEqualTo(at("2026-10-23T15:00+02:00"));
        assertThat(sunday.nextChange()).isEqualTo(at("2026-10-26T10:00+01:00"));
    }

    @Test
    void dstWeekends2027() {
        // 29 March 2027 is Easter Monday: the spring-forward weekend runs into Easter
        assertThat(schedule.stateAt(at("2027-03-28T02:30+01:00")).nextChange()).isEqualTo(at("2027-03-30T10:00+02:00"));
        assertThat(schedule.stateAt(at("2027-10-31T02:30+01:00")).nextChange()).isEqualTo(at("2027-11-01T10:00+01:00"));
    }

    @Test
    void changesAfterListsTheComingSwitchesInOrder() {
        List<LineState> next = schedule.changesAfter(local("2026-12-22T12:00"), 4);
        assertThat(next).extracting(LineState::at).containsExactly(
                local("2026-12-22T15:00"), local("2026-12-23T10:00"), local("2026-12-23T15:00"), local("2026-12-28T10:00"));
        assertThat(next).extracting(LineState::mode).containsExactly(
                Mode.FORWARDED, Mode.OPEN, Mode.FORWARDED, Mode.OPEN);
    }
}
