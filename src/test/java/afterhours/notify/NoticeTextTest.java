package afterhours.notify;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.holidays.HolidayRules;
import afterhours.line.HoursStore.StoredException;
import afterhours.line.HoursText;
import afterhours.line.Line;
import afterhours.line.LineSetup;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.LineState;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.schedule.TimeRange;
import afterhours.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Notices in the reader's language: a Swedish notice has no English word in it, whatever the schedule's rule. */
class NoticeTextTest {
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    /** The words the schedule's English detail is made of, and the English notices' own. */
    private static final List<String> ENGLISH = List.of("Closed", "all", "day", "Special", "hours", "Open", "Outside",
            "opening", "Forced", "by", "exception", "holiday", "public", "until", "forwarded", "set", "hand", "from",
            "the", "is", "to", "you");
    private static final Line LINE = new Line("trygghetscenter", "Trygghetscenter", List.of(), STOCKHOLM, "PJSIP/reception",
            "PJSIP/desk", null, 20, "TC: ", HolidayRules.SWEDEN);

    private static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(STOCKHOLM).toInstant();
    }

    private static WeeklyHours weekdays() {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, d.getValue() <= 5 ? List.of(TimeRange.parse("10:00-15:00")) : List.of());
        }
        return WeeklyHours.of(days);
    }

    private static LineSetup setup(List<ExceptionDay> exceptions, ManualOverride override) {
        List<StoredException> stored = new ArrayList<>();
        for (int i = 0; i < exceptions.size(); i++) {
            stored.add(new StoredException(i + 1, exceptions.get(i)));
        }
        return new LineSetup(LINE, weekdays(), stored, override);
    }

    /** The notice of the switch the schedule makes at {@code at}, as the outbox writes it. */
    private static Notice switchAt(LineSetup setup, Instant at) {
        LineState state = setup.schedule().stateAt(at);
        return Notice.switched(setup, at, state.mode(), state.reason(), state.why());
    }

    private static void noEnglish(NoticeText.Text text) {
        String all = text.subject() + "\n" + text.body();
        for (String word : ENGLISH) {
            assertThat(Pattern.compile("(?i)(?<![\\p{L}])" + word + "(?![\\p{L}])").matcher(all).find())
                    .as("'%s' in: %s", word, all).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            closed all day           | 2026-12-23 | closed |               | 2026-12-23T00:00 | undantag: stängt hela dagen
            special hours            | 2026-12-23 | 10:00-12:00 |          | 2026-12-23T12:00 | undantag: särskilda öppettider 10:00-12:00
            special hours, opening   | 2026-12-23 | 10:00-12:00 |          | 2026-12-23T10:00 | undantag: särskilda öppettider 10:00-12:00
            closed, with a note      | 2026-12-23 | closed | personaldag   | 2026-12-23T00:00 | undantag: stängt hela dagen (personaldag)
            hours, with a note       | 2026-12-23 | 10:00-12:00 | halvdag  | 2026-12-23T12:00 | undantag: särskilda öppettider 10:00-12:00 (halvdag)
            """)
    void aSwedishNoticeOfAnExceptionSwitchHasNoEnglishWord(String name, String date, String hours, String note, String at,
                                                          String expected) {
        ExceptionDay day = HoursText.exception(new HoursText.ExceptionText(date, null, null,
                hours.equals("closed") ? "true" : null, hours.equals("closed") ? null : List.of(hours), note), "").day();
        LineSetup setup = setup(List.of(day), null);
        Notice notice = switchAt(setup, local(at));
        NoticeText.Text sv = NoticeText.of(notice, SWEDISH);
        assertThat(sv.body()).contains(expected);
        noEnglish(sv);
        // the English notice says it in English
        assertThat(NoticeText.of(notice, Locale.ENGLISH).body()).contains("exception:");
    }

    @Test
    void everyOtherSwedishNoticeOfAnExceptionOrAnOverrideHasNoEnglishWordEither() {
        ExceptionDay closed = ExceptionDay.closed(LocalDate.parse("2026-12-23"), null);
        ExceptionDay half = new ExceptionDay(LocalDate.parse("2026-12-28"), LocalDate.parse("2026-12-28"),
                List.of(TimeRange.parse("10:00-12:00")), null);
        Instant now = local("2026-12-22T13:10");
        LineSetup both = setup(List.of(closed, half), null);
        ManualOverride open = new ManualOverride(Mode.OPEN, now, null, "anna", null);
        for (Notice notice : List.of(
                Notice.exception(Notice.Kind.EXCEPTION_ADDED, both, now, "anna", closed),
                Notice.exception(Notice.Kind.EXCEPTION_ADDED, both, now, "anna", half),
                Notice.exception(Notice.Kind.EXCEPTION_REMOVED, setup(List.of(half), null), now, "anna", closed),
                Notice.change(Notice.Kind.OVERRIDE_SET, setup(List.of(closed, half), open), now, "anna", null),
                Notice.change(Notice.Kind.OVERRIDE_CLEARED, both, now, "anna", null),
                switchAt(setup(List.of(closed), open), now),
                switchAt(both, local("2026-12-24T00:00")),
                switchAt(both, local("2026-12-22T15:00")),
                Notice.test(both, now, "anna"))) {
            noEnglish(NoticeText.of(notice, SWEDISH));
        }
    }

    @Test
    void aHolidaySwitchNamesTheHolidayInTheReadersWords() {
        Notice notice = switchAt(setup(List.of(), null), local("2026-12-24T00:00"));
        assertThat(NoticeText.of(notice, SWEDISH).body()).contains("(helgdag: Julafton)");
        assertThat(NoticeText.of(notice, Locale.ENGLISH).body()).contains("(public holiday: Julafton)");
    }
}
