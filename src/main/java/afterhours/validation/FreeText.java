package afterhours.validation;

/** Every free-text field (a line's name, an exception's or an override's note) has one length limit. */
public final class FreeText {
    public static final int MAX = 200;

    private FreeText() {
    }

    /** The text, or a problem naming the field; null stays null. */
    public static String check(String text, String field) {
        if (text != null && text.length() > MAX) {
            throw new InvalidField(field, "at most " + MAX + " characters, was " + text.length());
        }
        return text;
    }
}
