package afterhours.line;

import afterhours.validation.Dates;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When an override ends, as a person says it: {@code next-change} (until the line's mode would next change by
 * the schedule), {@code end-of-day} (midnight, the line's time), a duration ({@code PT2H}, {@code PT30M}), or a
 * date and time ({@link Dates#instant}). Never more than {@link #MAX_DAYS} days ahead.
 */
public final class OverrideText {
    public static final String NEXT_CHANGE = "next-change";
    public static final String END_OF_DAY = "end-of-day";
    /** The longest an override may be set for: a longer one is a change of the opening hours. */
    public static final int MAX_DAYS = 366;

    private OverrideText() {
    }

    /** The end, or empty for "until the next change" (also when nothing is given). */
    public static Optional<Instant> until(String text, ZoneId zone, Instant now, String field) {
        if (text == null || text.strip().equalsIgnoreCase(NEXT_CHANGE)) {
            return Optional.empty();
        }
        String t = text.strip();
        Instant until;
        if (t.equalsIgnoreCase(END_OF_DAY)) {
            until = LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
        } else if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
            // capped before it is added: a duration of centuries would overflow the instant
            Duration d = duration(t, field);
            until = now.plus(d.compareTo(Duration.ofDays(MAX_DAYS + 1)) > 0 ? Duration.ofDays(MAX_DAYS + 1) : d);
        } else {
            until = Dates.instant(t, zone, field);
        }
        if (!until.isAfter(now)) {
            throw new InvalidField(field, Rule.IN_PAST, Map.of("value", Dates.iso(until, zone), "now", Dates.iso(now, zone)),
                    "must be in the future, was " + Dates.iso(until, zone));
        }
        if (until.isAfter(now.plus(Duration.ofDays(MAX_DAYS)))) {
            throw new InvalidField(field, Rule.TOO_FAR, Map.of("maxDays", MAX_DAYS, "value", Dates.iso(until, zone)),
                    "at most " + MAX_DAYS + " days ahead, was " + Dates.iso(until, zone));
        }
        return Optional.of(until);
    }

    private static Duration duration(String text, String field) {
        try {
            Duration d = Duration.parse(text);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // refused below
        }
        throw new InvalidField(field, Rule.INSTANT_FORMAT, Map.of("value", text), "expected a date and time like"
                + " 2026-12-24 08:00, next-change, end-of-day or a duration like PT2H, was '" + text + "'");
    }
}
