package afterhours.line;

import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A dial string as it goes into Asterisk's {@code Dial()}: {@code TECH/resource} with only digits,
 * letters, {@code + @ - _ .} and {@code /}. Anything that could add Dial options or dialplan (a comma,
 * {@code &}, {@code |}, {@code (}, {@code $}, {@code ;}, whitespace) is refused.
 */
public final class DialString {
    private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*/[A-Za-z0-9+@._\\-/]+");
    static final int MAX_LENGTH = 128;

    private DialString() {
    }

    /** Returns the dial string, or refuses it naming {@code field} and the rule it breaks. */
    public static String check(String dial, String field) {
        if (dial == null || dial.isEmpty()) {
            throw new InvalidField(field, Rule.REQUIRED, "a dial string is required, e.g. PJSIP/reception");
        }
        FreeText.atMost(dial, MAX_LENGTH, field);
        if (!VALID.matcher(dial).matches()) {
            throw new InvalidField(field, Rule.DIAL_STRING, Map.of("value", dial), "'" + printable(dial)
                    + "' is not a dial string TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)");
        }
        return dial;
    }

    private static String printable(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
