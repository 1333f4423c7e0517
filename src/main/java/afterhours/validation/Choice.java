package afterhours.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A word from a fixed set (a mode, a channel, a role, yes or no), read the same way by the configuration, the
 * API and the command line: surrounding space ignored, case ignored, anything else refused with
 * {@link Rule#ONE_OF} listing the words there are.
 */
public final class Choice {
    private Choice() {
    }

    /** The constant whose word ({@code word}) is {@code text}; null text is {@link Rule#REQUIRED}. */
    public static <E extends Enum<E>> E of(E[] constants, Function<E, String> word, String text, String field) {
        List<String> allowed = new ArrayList<>();
        for (E e : constants) {
            allowed.add(word.apply(e));
        }
        String chosen = of(allowed, text, field);
        return constants[allowed.indexOf(chosen)];
    }

    /** The constant named {@code text} (its name in upper case, as {@code OPEN}); null is {@link Rule#REQUIRED}. */
    public static <E extends Enum<E>> E of(Class<E> type, String text, String field) {
        return of(type.getEnumConstants(), Enum::name, text, field);
    }

    /** The allowed word {@code text} is (as it is spelled in {@code allowed}); null is {@link Rule#REQUIRED}. */
    public static String of(List<String> allowed, String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidField(field, Rule.REQUIRED, Map.of(), "is required: " + words(allowed));
        }
        String given = text.strip().toLowerCase(Locale.ROOT);
        for (String word : allowed) {
            if (word.toLowerCase(Locale.ROOT).equals(given)) {
                return word;
            }
        }
        throw new InvalidField(field, Rule.ONE_OF, Map.of("allowed", List.copyOf(allowed), "value", text),
                "expected " + words(allowed) + ", was '" + text + "'");
    }

    /** {@code a, b or c}. */
    private static String words(List<String> allowed) {
        int last = allowed.size() - 1;
        return last == 0 ? allowed.get(0) : String.join(", ", allowed.subList(0, last)) + " or " + allowed.get(last);
    }

    /** {@code true} or {@code false}. */
    public static boolean bool(String text, String field) {
        return of(List.of("true", "false"), text, field).equals("true");
    }
}
