package afterhours.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that breaks a rule, with the field it is about: thrown where the rule is checked, answered by
 * the edges as they answer bad input (HTTP 400 naming the field, one line on stderr), never parsed back
 * out of a message. The {@link Rule} and its parameters let each face say it in its reader's language;
 * the message is the English sentence for logs, the command line and scripts.
 */
public class InvalidField extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final Rule rule;
    private final Map<String, Object> params;
    private final String problem;

    /**
     * @param field  the field or key path ({@code office}, {@code lines[0].hours.monday[1]}); empty for the whole input
     * @param rule   the rule broken
     * @param params the values a rendering of the rule needs (names as the rule documents them)
     * @param problem the English sentence, without the field
     */
    public InvalidField(String field, Rule rule, Map<String, ?> params, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        assert rule.params().containsAll(params.keySet()) : rule + " takes " + rule.params() + ", not " + params.keySet();
        this.field = field;
        this.rule = rule;
        this.params = Collections.unmodifiableMap(inOrder(rule, params));
        this.problem = problem;
    }

    /** A refusal of a rule without parameters. */
    public InvalidField(String field, Rule rule, String problem) {
        this(field, rule, Map.of(), problem);
    }

    /** The parameters {@code name, value, name, value, ...} in that order (a value may be null). */
    public static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    /** The parameters in the order the rule names them, so every answer lists them the same way. */
    private static Map<String, Object> inOrder(Rule rule, Map<String, ?> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : rule.params()) {
            if (params.containsKey(name)) {
                out.put(name, params.get(name));
            }
        }
        params.forEach(out::putIfAbsent);
        return out;
    }

    public String field() {
        return field;
    }

    public Rule rule() {
        return rule;
    }

    public Map<String, Object> params() {
        return params;
    }

    public String problem() {
        return problem;
    }

    /** The same problem one level further out: {@code office} inside {@code lines[0]} is {@code lines[0].office}. */
    public InvalidField under(String parent) {
        return new InvalidField(Fields.at(parent, field), rule, params, problem);
    }
}
