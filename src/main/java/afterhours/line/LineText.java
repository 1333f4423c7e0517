package afterhours.line;

import afterhours.holidays.HolidayRules;
import afterhours.validation.Fields;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import afterhours.validation.WholeNumber;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A line's settings as people write them (the configuration file, the admin API's PATCH), turned into a
 * {@link Line}: a field left out (null) keeps the value of the line it changes, or the default for a new
 * line. Every refusal names the field under {@code path} with its {@link Rule}.
 */
public record LineText(String name, List<String> numbers, String zone, String office, String contractor, String failsafe,
                       String ringSeconds, String callerIdPrefix, HolidayText holidays) {

    /** A holiday calendar as written: {@code calendar}, {@code ignore}, {@code language}. */
    public record HolidayText(String calendar, List<String> ignore, String language) { }

    /** A new line {@code id}: office and contractor are required, the rest has defaults. */
    public Line newLine(String id, String path) {
        if (office == null) {
            throw new InvalidField(Fields.at(path, "office"), Rule.REQUIRED, "is required");
        }
        if (contractor == null) {
            throw new InvalidField(Fields.at(path, "contractor"), Rule.REQUIRED, "is required");
        }
        return build(id, null, path);
    }

    /** {@code before} with the fields given here changed. */
    public Line change(Line before, String path) {
        return build(before.id(), before, path);
    }

    private Line build(String id, Line before, String path) {
        boolean fresh = before == null;
        ZoneId z = zone != null ? zone(zone, Fields.at(path, "zone")) : fresh ? Line.DEFAULT_ZONE : before.zone();
        int ring = WholeNumber.parse(ringSeconds, fresh ? Line.DEFAULT_RING_SECONDS : before.ringSeconds(),
                Line.MIN_RING_SECONDS, Line.MAX_RING_SECONDS, Fields.at(path, "ringSeconds"));
        HolidayRules rules = holidays != null
                ? HolidayRules.parse(holidays.calendar(), holidays.ignore(), holidays.language(), Fields.at(path, "holidays"))
                : fresh ? HolidayRules.SWEDEN : before.holidays();
        try {
            return new Line(id, or(name, fresh ? id : before.name()), or(numbers, fresh ? List.of() : before.numbers()), z,
                    or(office, fresh ? null : before.officeDial()), or(contractor, fresh ? null : before.contractorDial()),
                    or(failsafe, fresh ? null : before.failsafeDial()), ring,
                    or(callerIdPrefix, fresh ? Line.DEFAULT_PREFIX : before.callerIdPrefix()), rules);
        } catch (InvalidField e) {
            throw e.under(path);
        }
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }

    /** A time zone by its region id ({@code Europe/Stockholm}). */
    public static ZoneId zone(String text, String field) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new InvalidField(field, Rule.ZONE, Map.of("value", text),
                    "unknown time zone '" + text + "' (use a region such as Europe/Stockholm)");
        }
    }
}
