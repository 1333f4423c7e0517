package afterhours.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why a line is in its mode, as facts each face puts in its reader's words: which rule holds ({@code kind}), the
 * opening hours it speaks of, the holiday's name, the note an admin wrote, who set an override and until when.
 * {@link #english} is the plain English text the API's {@code detail} and the logs have always carried.
 *
 * @param hours   {@code REGULAR_HOURS}: the range open now; {@code EXCEPTION_HOURS}: the exception's hours; else empty
 * @param holiday {@code HOLIDAY}: its name in the calendar's language; else null
 * @param note    an exception's or an override's note, or null
 * @param setBy   {@code OVERRIDE}: who set it (null when unknown); else null
 * @param until   {@code OVERRIDE}: when the manual setting stops applying (null: until someone clears it); else null
 */
public record Detail(Kind kind, List<TimeRange> hours, String holiday, String note, String setBy, Instant until) {

    /** The rule that decides the mode. */
    public enum Kind {
        /** Open during the weekly opening hours. */
        REGULAR_HOURS,
        /** Forwarded outside the weekly opening hours. */
        OUTSIDE_HOURS,
        /** Forwarded all day for a public holiday. */
        HOLIDAY,
        /** An exception closes the whole day. */
        EXCEPTION_CLOSED,
        /** An exception gives the day its own hours (open within them, forwarded outside). */
        EXCEPTION_HOURS,
        /** Set by hand. */
        OVERRIDE
    }

    public Detail {
        hours = hours == null ? List.of() : List.copyOf(hours);
    }

    static Detail regular(TimeRange range) {
        return new Detail(Kind.REGULAR_HOURS, List.of(range), null, null, null, null);
    }

    static Detail outsideHours() {
        return new Detail(Kind.OUTSIDE_HOURS, List.of(), null, null, null, null);
    }

    static Detail holiday(String name) {
        return new Detail(Kind.HOLIDAY, List.of(), name, null, null, null);
    }

    static Detail exception(ExceptionDay day) {
        return day.isClosed() ? new Detail(Kind.EXCEPTION_CLOSED, List.of(), null, day.note(), null, null)
                : new Detail(Kind.EXCEPTION_HOURS, day.hours(), null, day.note(), null, null);
    }

    static Detail override(ManualOverride o, Instant end) {
        return new Detail(Kind.OVERRIDE, List.of(), null, o.note(), o.setBy(), end);
    }

    /**
     * As the API and the webhook show it: {@code {"kind":"exception_hours","hours":["10:00-12:00"],"holiday":null,
     * "note":"Half day","setBy":null,"until":null}}, {@code until} as ISO-8601 with the zone's offset.
     */
    public Map<String, Object> view(ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(Locale.ROOT));
        m.put("hours", hours.stream().map(TimeRange::toString).toList());
        m.put("holiday", holiday);
        m.put("note", note);
        m.put("setBy", setBy);
        m.put("until", until == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(until.truncatedTo(ChronoUnit.SECONDS).atZone(zone)));
        return m;
    }

    /** The plain English words, as the API's {@code detail}: "Closed all day", "Special hours 10:00-12:00", ... */
    public String english(Mode mode) {
        String ranges = hours.stream().map(TimeRange::toString).collect(Collectors.joining(", "));
        return switch (kind) {
            case REGULAR_HOURS -> "Open " + ranges;
            case OUTSIDE_HOURS -> "Outside opening hours";
            case HOLIDAY -> holiday;
            case EXCEPTION_CLOSED -> note == null ? "Closed all day" : note;
            case EXCEPTION_HOURS -> note == null ? "Special hours " + ranges : note + " (" + ranges + ")";
            case OVERRIDE -> {
                String text = "Forced " + mode + (setBy == null ? "" : " by " + setBy);
                yield note == null ? text : text + ": " + note;
            }
        };
    }
}
