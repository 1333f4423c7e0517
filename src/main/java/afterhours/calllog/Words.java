package afterhours.calllog;

import afterhours.validation.Choice;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An enum the call log stores, prints and serves as its lower-case word ({@code overflow}, {@code agi}). */
public interface Words {

    String name();

    @JsonValue
    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a word; an unknown word names the field and the words there are ({@link Choice}). */
    static <E extends Enum<E> & Words> E parse(Class<E> type, String key, String field) {
        return Choice.of(type.getEnumConstants(), Words::key, key, field);
    }
}
