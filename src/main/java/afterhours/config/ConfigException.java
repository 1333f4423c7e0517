package afterhours.config;

/**
 * Configuration or request input is unusable. The message is {@code key: problem}, naming the key (a
 * path like {@code lines[0].hours.monday[1]}, or an environment variable) and the rule broken.
 */
public final class ConfigException extends RuntimeException {
    private final String key;
    private final String problem;

    public ConfigException(String message) {
        this(keyOf(message), keyOf(message).isEmpty() ? message : message.substring(keyOf(message).length() + 2));
    }

    public ConfigException(String key, String problem) {
        super(key.isEmpty() ? problem : key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** The key a "key: problem" message starts with: text before the first ": " holding no space. */
    public static String keyOf(String message) {
        int colon = message.indexOf(": ");
        return colon > 0 && message.substring(0, colon).indexOf(' ') < 0 ? message.substring(0, colon) : "";
    }

    /** The key or field path the problem is at (empty when it concerns the whole document). */
    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
