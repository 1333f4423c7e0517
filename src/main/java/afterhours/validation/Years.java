package afterhours.validation;

import java.time.LocalDate;
import java.util.Map;

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
        return check(date, date.getYear(), date.toString(), field);
    }

    /** {@code value} if {@code year} is in range; {@code text} is the value as the reader gave it. */
    static <T> T check(T value, int year, String text, String field) {
        if (year < FIRST || year > LAST) {
            throw new InvalidField(field, Rule.YEAR_RANGE, Map.of("first", FIRST, "last", LAST, "value", text),
                    "must be in the years " + FIRST + ".." + LAST + ", was " + text);
        }
        return value;
    }
}
