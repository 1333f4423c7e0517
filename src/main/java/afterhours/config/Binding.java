package afterhours.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Binds YAML (the configuration file) or JSON (an admin request body) onto {@link ConfigFile}'s records with
 * Jackson, strictly: an unknown key, a duplicate key or a value of the wrong shape becomes a
 * {@link ConfigException} naming the key's path ({@code lines[0].hours.mondag}).
 */
public final class Binding {
    private static final ObjectMapper YAML = configure(YAMLMapper.builder()).build();
    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();

    private Binding() {
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B b) {
        return b.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)   // numbers: 0541 is a list of one
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The YAML text bound onto {@code type}; an empty document binds to null. */
    static <T> T yaml(String text, Class<T> type, String source) {
        JsonNode tree;
        try {
            // the whole document first: a syntax error anywhere is reported as such, before any key
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage().startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
                throw new ConfigException(pointerPath(parser.getParsingContext().pathAsPointer().toString()), "appears twice");
            }
            throw new ConfigException(source + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return null;
        }
        try {
            return YAML.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw problem(e, "");
        } catch (JsonProcessingException e) {
            throw new ConfigException("", e.getOriginalMessage());
        }
    }

    /** A parsed JSON body bound onto {@code type}; errors name the field under {@code path}. */
    public static <T> T json(JsonNode body, Class<T> type, String path) {
        try {
            return JSON.treeToValue(body, type);
        } catch (JsonMappingException e) {
            throw problem(e, path);
        } catch (JsonProcessingException e) {
            throw new ConfigException(path, e.getOriginalMessage());
        }
    }

    private static ConfigException problem(JsonMappingException e, String base) {
        String path = path(base, e.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            return new ConfigException(path, "unknown key (known here: " + known(u.getKnownPropertyIds()) + ")");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> target = m.getTargetType();
            return new ConfigException(path, target == String.class ? "expected text"
                    : Collection.class.isAssignableFrom(target) ? "expected a list" : "expected a mapping of keys");
        }
        String message = String.valueOf(e.getOriginalMessage());
        // Jackson's own words name Java types: say it in ours
        return new ConfigException(path, message.startsWith("Duplicate field") ? "appears twice" : "not a value this key takes");
    }

    private static String known(Collection<Object> ids) {
        return ids.stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(", "));
    }

    /** {@code lines[0].id} from a JSON pointer {@code /lines/0/id}. */
    static String pointerPath(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }

    /** {@code lines[0].hours.monday[1]} from Jackson's references, under {@code base}. */
    static String path(String base, List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder(base);
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
