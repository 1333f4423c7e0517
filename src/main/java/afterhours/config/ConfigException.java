package afterhours.config;

import afterhours.validation.InvalidField;
/**
 * Configuration or request input is unusable. The message is {@code key: problem}, naming the key (a
 * path like {@code lines[0].hours.monday[1]}, or an environment variable) and the rule broken.
 */
public final class ConfigException extends InvalidField {
    private static final long serialVersionUID = 1L;

    /** A problem with the file or environment as a whole (no key): the message names what it is about. */
    public ConfigException(String message) {
        super("", message);
    }

    public ConfigException(String key, String problem) {
        super(key, problem);
    }

    /** A value that broke one of the domain's rules, at {@code key}: the rule and its parameters are kept. */
    public ConfigException(String key, InvalidField broken) {
        super(broken.under(key).field(), broken.rule(), broken.params(), broken.problem());
    }

    /** The key or field path the problem is at (empty when it concerns the whole document). */
    public String key() {
        return field();
    }
}
