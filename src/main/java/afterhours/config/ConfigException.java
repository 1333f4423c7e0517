package afterhours.config;

/** The configuration is unusable; the message names the key (or environment variable) and the problem. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
