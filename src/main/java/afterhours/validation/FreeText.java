package afterhours.validation;

import java.util.Map;

/**
 * The one rule of every free-text field (a line's name, a note, a recipient's name, a token's label): at most
 * {@link #MAX} characters, and no control characters. A line break, a carriage return or an escape sequence in
 * a name would fold a mail header, forge a line of the log or move the cursor of whoever reads it in a
 * terminal; a bidirectional override would make an audit entry read backwards. Letters of every language,
 * digits, punctuation and emoji are all fine.
 */
public final class FreeText {
    public static final int MAX = 200;

    private FreeText() {
    }

    /** The text, or a problem naming the field; null stays null. Nothing is ever cut. */
    public static String check(String text, String field) {
        atMost(text, MAX, field);
        int at = text == null ? -1 : controlAt(text);
        if (at >= 0) {
            String character = String.format("U+%04X", text.codePointAt(at));
            throw new InvalidField(field, Rule.CONTROL_CHARACTER, Map.of("character", character, "position", at + 1),
                    "must not contain control characters (" + character + " at position " + (at + 1) + ")");
        }
        return text;
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

    /** The index of the first control character in {@code text}, or -1. */
    public static int controlAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * C0 and C1 controls (tab, line feed, carriage return and escape among them) and DEL, the Unicode line and
     * paragraph separators, and the bidirectional embeddings, overrides and isolates.
     */
    static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
