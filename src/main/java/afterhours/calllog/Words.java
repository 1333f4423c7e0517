package afterhours.calllog;

import afterhours.validation.InvalidField;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum the call log stores, prints and serves as its lower-case word ({@code overflow}, {@code agi}). */
public interface Words {

    String name();

    @JsonValue
    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a stored word; an unknown word names the field and the words there are. */
    static <E extends Enum<E> & Words> E parse(Class<E> type, String key, String field) {
        for (E e : type.getEnumConstants()) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        throw new InvalidField(field, "expected one of " + Arrays.stream(type.getEnumConstants())
                .map(Words::key).collect(Collectors.joining(", ")) + ", was '" + key + "'");
    }
}
