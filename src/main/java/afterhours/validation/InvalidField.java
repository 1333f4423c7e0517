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
     * @param params the values a rendering of the rule needs, in order (names as the rule documents them)
     * @param problem the English sentence, without the field
     */
    public InvalidField(String field, Rule rule, Map<String, ?> params, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
        this.rule = rule;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.problem = problem;
    }

    /** A refusal of no more specific rule ({@link Rule#INVALID}); the problem says what was expected. */
    public InvalidField(String field, String problem) {
        this(field, Rule.INVALID, Map.of(), problem);
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
        return new InvalidField(parent.isEmpty() ? field : field.isEmpty() ? parent : parent + "." + field, rule, params,
                problem);
    }
}
