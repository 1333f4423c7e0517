package afterhours.json;

import afterhours.validation.Fields;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
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
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds YAML (the configuration file) or JSON (an admin request body) onto records of text with Jackson,
 * strictly: an unknown key, a duplicate key or a value of the wrong shape becomes an {@link InvalidField}
 * naming the key's path as the writer sees it ({@code lines[0].hours.mondag}), with its {@link Rule}. The
 * records hold text only; each value is then checked by the rule that owns it.
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
    public static <T> T yaml(String text, Class<T> type) {
        JsonNode tree;
        try {
            // the whole document first: a syntax error anywhere is reported as such, before any key
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage().startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
                String path = pointerPath(parser.getParsingContext().pathAsPointer().toString());
                throw duplicate(path);
            }
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidField("", Rule.YAML_SYNTAX, Map.of("line", line), "not valid YAML: "
                    + firstLine(e.getOriginalMessage()) + (line == 0 ? "" : " (line " + line + ")"));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return null;
        }
        return bind(YAML, tree, type, "");
    }

    /** A parsed JSON body bound onto {@code type}; errors name the field under {@code path}. */
    public static <T> T json(JsonNode body, Class<T> type, String path) {
        return bind(JSON, body, type, path);
    }

    private static <T> T bind(ObjectMapper mapper, JsonNode tree, Class<T> type, String base) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw problem(e, tree, base);
        } catch (JsonProcessingException e) {
            throw new InvalidField(base, Rule.EXPECTED_OBJECT, "expected a mapping of keys");
        }
    }

    private static InvalidField problem(JsonMappingException e, JsonNode tree, String base) {
        Located at = locate(tree, e.getPath(), base);
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds().stream().map(Object::toString)
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).stream().toList();
            return new InvalidField(at.path, Rule.UNKNOWN_KEY, Map.of("key", u.getPropertyName(), "known", known),
                    "unknown key (known here: " + String.join(", ", known) + ")");
        }
        if (at.notAList) {
            // a single value read as a list of one: the value is not one a list of this takes
            return new InvalidField(at.path, Rule.EXPECTED_LIST, "expected a list");
        }
        if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
            return duplicate(at.path);
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target == null || target == String.class) {
            return new InvalidField(at.path, Rule.EXPECTED_TEXT, "expected text");
        }
        return Collection.class.isAssignableFrom(target) ? new InvalidField(at.path, Rule.EXPECTED_LIST, "expected a list")
                : new InvalidField(at.path, Rule.EXPECTED_OBJECT, "expected a mapping of keys");
    }

    private static InvalidField duplicate(String path) {
        String key = path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf(']')) + 1);
        return new InvalidField(path, Rule.DUPLICATE_KEY, Map.of("key", key), "appears twice");
    }

    private static String firstLine(String text) {
        String t = String.valueOf(text).strip();
        int newline = t.indexOf('\n');
        return newline < 0 ? t : t.substring(0, newline).strip();
    }

    /** A path into the input, and whether it stopped at a single value that was read as a list of one. */
    private record Located(String path, boolean notAList) { }

    /**
     * The path of Jackson's references as the writer sees the input: an index into something that is not a
     * list (a single value Jackson read as a list of one) stops the path at that value.
     */
    private static Located locate(JsonNode tree, List<JsonMappingException.Reference> refs, String base) {
        String path = base;
        JsonNode node = tree;
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                path = Fields.at(path, r.getFieldName());
                node = node == null ? null : node.get(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                if (node != null && !node.isArray()) {
                    return new Located(path, true);
                }
                path = Fields.index(path, r.getIndex());
                node = node == null ? null : node.get(r.getIndex());
            }
        }
        return new Located(path, false);
    }

    /** {@code lines[0].id} from a JSON pointer {@code /lines/0/id}. */
    public static String pointerPath(String pointer) {
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
}
