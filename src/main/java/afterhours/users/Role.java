package afterhours.users;

import afterhours.validation.Choice;
import java.util.Locale;

/** What a user may do: admin edits; viewer reads everything; contractor reads status and the calendar only. */
public enum Role {
    ADMIN, VIEWER, CONTRACTOR;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String text) {
        return Choice.of(values(), Role::key, text, "role");
    }
}
