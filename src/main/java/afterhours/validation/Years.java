package afterhours.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The years the service takes dates and instants in, from any input (API parameters and bodies, the
 * configuration): a wider range buys nothing for opening hours and lets arithmetic overflow.
 */
public final class Years {
    public static final int FIRST = 2000;
    public static final int LAST = 2100;

    private Years() {
    }

    public static LocalDate check(LocalDate date, String field) {
        if (date.getYear() < FIRST || date.getYear() > LAST) {
            throw new InvalidField(field, "must be in the years " + FIRST + ".." + LAST + ", was " + date);
        }
        return date;
    }

    public static Instant check(Instant at, String field) {
        int year = at.atOffset(ZoneOffset.UTC).getYear();
        if (year < FIRST || year > LAST) {
            throw new InvalidField(field, "must be in the years " + FIRST + ".." + LAST + ", was " + at);
        }
        return at;
    }
}
