package afterhours.line;

import static afterhours.validation.InvalidField.params;

import afterhours.schedule.ExceptionDay;
import afterhours.schedule.TimeRange;
import afterhours.schedule.WeeklyHours;
import afterhours.validation.Choice;
import afterhours.validation.Dates;
import afterhours.validation.Fields;
import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Opening hours as people write them, turned into the schedule's own types: a range {@code 10:00-15:00}, a
 * week of ranges, an exception day. The configuration file and the admin API both read hours here, so a
 * refusal names the same field with the same {@link Rule} from either; {@code path} is where the input sits
 * ({@code lines[0].hours}, or empty for a request body).
 */
public final class HoursText {
    private HoursText() {
    }

    /** An exception as given: {@code date}, or {@code from} and {@code to}; {@code closed} or {@code hours}; a note. */
    public record ExceptionText(String date, String from, String to, String closed, List<String> hours, String note) { }

    /** A range of the input that runs into the next day ({@code 22:00-02:00}), with its field and (in a week) its day. */
    public record Overnight(String field, DayOfWeek day, TimeRange range) {
        /** As the API reports it: {@code {"field":"monday[0]","from":"22:00","to":"02:00","nextDay":true,"minutes":240}}. */
        public Map<String, Object> view() {
            return params("field", field, "from", range.from(), "to", range.to(), "nextDay", true, "minutes", range.minutes());
        }
    }

    /** A week, and the ranges of it that cross midnight. */
    public record Week(WeeklyHours hours, List<Overnight> overnight) { }

    /** An exception day, and its ranges that cross midnight. */
    public record Exception(ExceptionDay day, List<Overnight> overnight) { }

    /** One range {@code HH:MM-HH:MM}. */
    public static TimeRange range(String text, String field) {
        if (text == null) {
            throw new InvalidField(field, Rule.EXPECTED_TEXT, "expected text");
        }
        try {
            return TimeRange.parse(text);
        } catch (TimeRange.Unreadable e) {
            Rule rule = switch (e.why()) {
                case FORMAT -> Rule.RANGE_FORMAT;
                case TIME_OF_DAY -> Rule.TIME_OF_DAY;
                case MIDNIGHT_AS_START -> Rule.MIDNIGHT_AS_START;
                case EMPTY -> Rule.RANGE_EMPTY;
            };
            throw new InvalidField(field, rule, params("value", rule == Rule.RANGE_FORMAT ? text : e.value()), e.getMessage());
        }
    }

    /**
     * A week: per day ({@code monday}...) a list of ranges; a missing day, an empty list or {@code "closed"}
     * is closed. Ranges that overlap, also across midnight into the next day, are refused at the later one.
     */
    public static Week week(Map<DayOfWeek, List<String>> given, String path) {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, List<Given>> fields = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            fields.put(d, ranges(given.get(d), Fields.at(path, WeeklyHours.name(d)), d));
            days.put(d, fields.get(d).stream().map(Given::range).toList());
        }
        WeeklyHours.firstOverlap(days).ifPresent(o -> {
            throw new InvalidField(fields.get(o.day()).get(o.index()).field(), Rule.OVERLAP,
                    params("day", WeeklyHours.name(o.day()), "range", o.range().toString(),
                            "otherDay", WeeklyHours.name(o.otherDay()), "other", o.other().toString()), o.problem());
        });
        return new Week(WeeklyHours.of(days), overnight(fields.values().stream().flatMap(List::stream).toList()));
    }

    /** An exception day: its dates, closed or its own hours, and a note of at most {@link FreeText#MAX} characters. */
    public static Exception exception(ExceptionText e, String path) {
        if (e == null) {
            throw new InvalidField(path, Rule.EXPECTED_OBJECT, "expected a mapping of keys");
        }
        LocalDate first;
        LocalDate last;
        if (e.date() != null) {
            if (e.from() != null || e.to() != null) {
                throw new InvalidField(path, Rule.EXCEPTION_DATES, "give either date, or from and to");
            }
            first = Dates.date(e.date(), Fields.at(path, "date"));
            last = first;
        } else {
            if (e.from() == null || e.to() == null) {
                throw new InvalidField(path, Rule.EXCEPTION_DATES, "needs date, or from and to (yyyy-mm-dd)");
            }
            first = Dates.date(e.from(), Fields.at(path, "from"));
            last = Dates.date(e.to(), Fields.at(path, "to"));
        }
        if (last.isBefore(first)) {
            throw new InvalidField(Fields.at(path, "to"), Rule.DATES_REVERSED, params("from", first.toString(), "to",
                    last.toString()), "exception ends " + last + " before it starts " + first);
        }
        List<Given> given = ranges(e.hours(), Fields.at(path, "hours"), null);
        List<TimeRange> hours = given.stream().map(Given::range).toList();
        boolean closed = e.closed() != null && Choice.bool(e.closed(), Fields.at(path, "closed"));
        if (closed != hours.isEmpty()) {
            throw new InvalidField(Fields.at(path, hours.isEmpty() ? "closed" : "hours"), Rule.CLOSED_OR_HOURS,
                    "an exception is either closed: true, or has hours");
        }
        ExceptionDay.firstOverlap(hours).ifPresent(o -> {
            TimeRange earlier = hours.get(o[0]);
            TimeRange later = hours.get(o[1]);
            throw new InvalidField(given.get(o[1]).field(), Rule.HOURS_OVERLAP, params("range", later.toString(),
                    "other", earlier.toString()), "overlapping ranges: " + earlier + " and " + later);
        });
        FreeText.check(e.note(), Fields.at(path, "note"));
        return new Exception(new ExceptionDay(first, last, hours, e.note()), overnight(given));
    }

    /**
     * The exception days, refused when two of them overlap: at {@code fieldOf} the later given one's index, as
     * the one at fault.
     */
    public static void noOverlap(List<ExceptionDay> days, IntFunction<String> fieldOf) {
        ExceptionDay.firstOverlapping(days).ifPresent(i -> {
            ExceptionDay given = days.get(i[1]);
            ExceptionDay other = days.get(i[0]);
            ExceptionDay earlier = other.first().isAfter(given.first()) ? given : other;
            ExceptionDay later = earlier == other ? given : other;
            throw new InvalidField(fieldOf.apply(i[1]), Rule.EXCEPTION_OVERLAP, params(
                    "from", given.first().toString(), "to", given.last().toString(),
                    "otherFrom", other.first().toString(), "otherTo", other.last().toString()),
                    "exception days overlap: " + dates(earlier) + " and " + dates(later));
        });
    }

    private static String dates(ExceptionDay e) {
        return e.first().equals(e.last()) ? e.first().toString() : e.first() + ".." + e.last();
    }

    /** A range of the input with its field and (in a week) its day. */
    private record Given(String field, DayOfWeek day, TimeRange range) { }

    private static List<Overnight> overnight(List<Given> given) {
        return given.stream().filter(g -> g.range().crossesMidnight())
                .map(g -> new Overnight(g.field(), g.day(), g.range())).toList();
    }

    private static List<Given> ranges(List<String> given, String path, DayOfWeek day) {
        List<Given> out = new ArrayList<>();
        if (given == null) {
            return out;
        }
        for (int i = 0; i < given.size(); i++) {
            String text = given.get(i);
            String field = Fields.index(path, i);
            if (text != null && text.strip().equalsIgnoreCase("closed")) {
                continue;
            }
            out.add(new Given(field, day, range(text, field)));
        }
        return out;
    }
}
