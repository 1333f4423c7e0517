package afterhours.config;

import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.util.Map;

/**
 * The configuration is unusable. The message is {@code key: problem}, naming the key (a path like
 * {@code lines[0].hours.monday[1]}, or an environment variable) and the rule broken; the {@link Rule} and its
 * parameters are the same as the admin API's for the same value.
 */
public final class ConfigException extends InvalidField {
    private static final long serialVersionUID = 1L;

    public ConfigException(String key, Rule rule, Map<String, ?> params, String problem) {
        super(key, rule, params, problem);
    }

    /** A refusal of a rule the domain owns, at its key in the file. */
    static ConfigException of(InvalidField e) {
        return e instanceof ConfigException c ? c : new ConfigException(e.field(), e.rule(), e.params(), e.problem());
    }

    /** The key or field path the problem is at (empty when it concerns the whole document). */
    public String key() {
        return field();
    }
}
