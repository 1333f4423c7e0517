package afterhours.users;

import afterhours.validation.Choice;
import java.util.Locale;

/**
 * What a user may do: admin edits; viewer reads everything; contractor reads status and the calendar only;
 * reception (the desk that calls callers back) reads status, the calendar and the call-back list, and marks
 * missed calls as called back.
 */
public enum Role {
    ADMIN, VIEWER, CONTRACTOR, RECEPTION;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String text) {
        return Choice.of(values(), Role::key, text, "role");
    }
}
