package afterhours.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Dates and instants as a person or a script writes them, read the same way by the configuration, the API
 * and the command line. A date is {@code yyyy-mm-dd}. An instant is an ISO date-time with an offset
 * ({@code 2026-12-24T08:00+01:00}: exact), or a local one ({@code 2026-12-24 08:00} or {@code 2026-12-24T08:00})
 * in the line's zone: in the repeated autumn hour it is the first occurrence; inside the spring gap it does
 * not exist and is refused ({@link Rule#IN_DST_GAP}). Both only in the years {@link Years#FIRST}..{@link Years#LAST}.
 */
public final class Dates {
    private Dates() {
    }

    /** An instant as every face writes it: ISO-8601 with the zone's offset at that instant, to the second. */
    public static String iso(Instant t, ZoneId zone) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    public static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidField(field, Rule.REQUIRED, "is required: a date yyyy-mm-dd");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, Rule.DATE_FORMAT, Map.of("value", text),
                    "expected a date yyyy-mm-dd, was '" + text + "'");
        }
        return Years.check(date, field);
    }

    public static Instant instant(String text, ZoneId zone, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidField(field, Rule.REQUIRED, "is required: a date and time");
        }
        String iso = text.strip().replace(' ', 'T');
        try {
            OffsetDateTime exact = OffsetDateTime.parse(iso);
            return Years.check(exact.toInstant(), exact.getYear(), text, field);
        } catch (DateTimeParseException notOffset) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(iso);
            } catch (DateTimeParseException e) {
                throw new InvalidField(field, Rule.INSTANT_FORMAT, Map.of("value", text), "expected a date and time like"
                        + " 2026-12-24 08:00 (the line's time) or 2026-12-24T08:00+01:00, was '" + text + "'");
            }
            Years.check(local, local.getYear(), text, field);
            if (zone.getRules().getValidOffsets(local).isEmpty()) {
                throw new InvalidField(field, Rule.IN_DST_GAP, Map.of("value", text, "zone", zone.getId()),
                        text.strip() + " does not exist in " + zone.getId()
                                + " (the clocks skip it for daylight saving time); give another time or an offset");
            }
            return ZonedDateTime.ofLocal(local, zone, null).toInstant();   // the earlier offset: the first occurrence
        }
    }
}
