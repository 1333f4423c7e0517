package afterhours.users;

import afterhours.validation.InvalidField;
import java.util.Locale;

/** What a user may do: admin edits; viewer reads everything; contractor reads status and the calendar only. */
public enum Role {
    ADMIN, VIEWER, CONTRACTOR;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidField("role", "expected admin, viewer or contractor, was '" + text + "'");
        }
    }
}
