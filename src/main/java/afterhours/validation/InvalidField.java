package afterhours.validation;

/**
 * Input that breaks a rule, with the field it is about: thrown where the rule is checked, answered by
 * the edges as they answer bad input (HTTP 400 naming the field, one line on stderr), never parsed back
 * out of a message.
 */
public class InvalidField extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /** @param field the field or key path ({@code office}, {@code lines[0].hours.monday[1]}); empty for the whole input */
    public InvalidField(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The same problem one level further out: {@code office} inside {@code lines[0]} is {@code lines[0].office}. */
    public InvalidField under(String parent) {
        return new InvalidField(parent.isEmpty() ? field : field.isEmpty() ? parent : parent + "." + field, problem);
    }
}
