package afterhours.logging;

/**
 * Text as it may appear in one line of the log: a line break, a carriage return, an escape sequence or any other
 * control character in a logged value (a name an admin typed, a path a client sent, a receiver's error) is
 * written as a visible escape, so no value can forge a line of its own or move a terminal's cursor.
 */
public final class LogText {
    private LogText() {
    }

    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029'
                        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
