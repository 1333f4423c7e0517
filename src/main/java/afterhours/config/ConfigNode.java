package afterhours.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** A node of the parsed configuration that knows its path, so every error can name the key. */
public final class ConfigNode {
    private final JsonNode node;
    private final String path;

    public ConfigNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public String path() {
        return path;
    }

    public boolean isMissing() {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** Refuses keys this node does not know (a typo would otherwise be silently ignored). */
    public ConfigNode allowOnly(String... keys) {
        if (isMissing()) {
            return this;
        }
        if (!node.isObject()) {
            throw error("expected a mapping of keys");
        }
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new ConfigException(at(key), "unknown key (known here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    public ConfigNode child(String key) {
        return new ConfigNode(isMissing() ? null : node.get(key), at(key));
    }

    public String string(String key, String fallback) {
        ConfigNode c = child(key);
        if (c.isMissing()) {
            return fallback;
        }
        if (!c.node.isValueNode() || c.node.isBoolean()) {
            throw c.error("expected text");
        }
        return c.node.asText();
    }

    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw new ConfigException(at(key), "is required");
        }
        return value;
    }

    public int integer(String key, int fallback, int min, int max) {
        ConfigNode c = child(key);
        if (c.isMissing()) {
            return fallback;
        }
        if (!c.node.canConvertToInt() || !c.node.isIntegralNumber()) {
            throw c.error("expected a whole number " + min + ".." + max + ", was '" + c.node.asText() + "'");
        }
        int value = c.node.asInt();
        if (value < min || value > max) {
            throw c.error("must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /** The elements of a list; a single scalar counts as a list of one. */
    public List<ConfigNode> list(String key) {
        ConfigNode c = child(key);
        List<ConfigNode> out = new ArrayList<>();
        if (c.isMissing()) {
            return out;
        }
        if (c.node.isArray()) {
            for (int i = 0; i < c.node.size(); i++) {
                out.add(new ConfigNode(c.node.get(i), c.path + "[" + i + "]"));
            }
        } else if (c.node.isValueNode()) {
            out.add(c);
        } else {
            throw c.error("expected a list");
        }
        return out;
    }

    public String text() {
        if (isMissing() || !node.isValueNode()) {
            throw error("expected text");
        }
        return node.asText();
    }

    /** Converts the text with {@code parse}; its IllegalArgumentException becomes an error at this key. */
    public <T> T parse(Function<String, T> parse) {
        String text = text();
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            throw error(e.getMessage());
        }
    }

    public ConfigException error(String problem) {
        return new ConfigException(path, problem);
    }

    private String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
