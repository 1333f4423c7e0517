package afterhours.validation;

import java.util.Map;

/** Every free-text field (a line's name, an exception's or an override's note) has one length limit. */
public final class FreeText {
    public static final int MAX = 200;

    private FreeText() {
    }

    /** The text, or a problem naming the field; null stays null. Nothing is ever cut. */
    public static String check(String text, String field) {
        return atMost(text, MAX, field);
    }

    /** The text if it has at most {@code max} characters, else {@link Rule#TOO_LONG}; null stays null. */
    public static String atMost(String text, int max, String field) {
        if (text != null && text.length() > max) {
            throw new InvalidField(field, Rule.TOO_LONG, Map.of("max", max, "length", text.length()),
                    "at most " + max + " characters, was " + text.length());
        }
        return text;
    }

    /** The text, stripped, or {@link Rule#REQUIRED} when it is missing or blank. */
    public static String required(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidField(field, Rule.REQUIRED, "is required");
        }
        return text.strip();
    }
}
