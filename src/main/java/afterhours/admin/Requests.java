package afterhours.admin;

import afterhours.line.HoursText;
import afterhours.line.LineText;
import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API's request bodies as written: the keys each takes (an unknown key is refused naming the keys
 * there are) and every value still as its text, checked afterwards by the rule that owns it.
 */
final class Requests {
    private Requests() {
    }

    /** {@code PATCH /lines/{line}}: a field left out keeps its value. */
    record LineChange(String name, List<String> numbers, String zone, String office, String contractor, String failsafe,
                      String ringSeconds, String callerIdPrefix, Holidays holidays, String missedAfterSeconds) {
        LineText text() {
            return new LineText(name, numbers, zone, office, contractor, failsafe, ringSeconds, callerIdPrefix,
                    holidays == null ? null : new LineText.HolidayText(holidays.calendar(), holidays.ignore(), holidays.language()),
                    missedAfterSeconds);
        }
    }

    /** A line's holiday calendar: {@code {"calendar": "se", "ignore": ["MIDSUMMER_EVE"], "language": "sv"}}. */
    record Holidays(String calendar, List<String> ignore, String language) { }

    /** {@code PUT /lines/{line}/hours}: the whole week; a day left out is closed; {@code confirm}: see the README. */
    record Week(List<String> monday, List<String> tuesday, List<String> wednesday, List<String> thursday,
                List<String> friday, List<String> saturday, List<String> sunday, String confirm) {
        Map<DayOfWeek, List<String>> days() {
            Map<DayOfWeek, List<String>> days = new EnumMap<>(DayOfWeek.class);
            List<List<String>> given = java.util.Arrays.asList(monday, tuesday, wednesday, thursday, friday, saturday, sunday);
            for (DayOfWeek d : DayOfWeek.values()) {
                days.put(d, given.get(d.ordinal()));
            }
            return days;
        }
    }

    /** {@code POST /lines/{line}/exceptions}. */
    record NewException(String date, String from, String to, String closed, List<String> hours, String note,
                        String confirm) {
        HoursText.ExceptionText text() {
            return new HoursText.ExceptionText(date, from, to, closed, hours, note);
        }
    }

    /** {@code PUT /lines/{line}/override} (and, without note and confirm, the effect's query). */
    record Override(String mode, String until, String note, String confirm) { }
}
