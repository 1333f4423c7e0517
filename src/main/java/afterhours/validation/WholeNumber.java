package afterhours.validation;

import java.util.Map;

/**
 * A whole number in a range, read the same way everywhere: {@link Rule#WHOLE_NUMBER} when the text is not a
 * whole number, {@link Rule#OUT_OF_RANGE} when it is one outside {@code min..max}.
 */
public final class WholeNumber {
    private WholeNumber() {
    }

    /** The number, or {@code fallback} when the text is null. */
    public static int parse(String text, int fallback, int min, int max, String field) {
        return text == null ? fallback : (int) parse(text, (long) min, max, field);
    }

    public static int parse(String text, int min, int max, String field) {
        return (int) parse(text, (long) min, max, field);
    }

    public static long parse(String text, long min, long max, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidField(field, Rule.REQUIRED, "is required: a whole number " + min + ".." + max);
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidField(field, Rule.WHOLE_NUMBER, Map.of("min", min, "max", max, "value", text),
                    "expected a whole number " + min + ".." + max + ", was '" + text + "'");
        }
        return check(value, min, max, field);
    }

    /** The number if it is in {@code min..max}. */
    public static long check(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw new InvalidField(field, Rule.OUT_OF_RANGE, Map.of("min", min, "max", max, "value", value),
                    "must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
