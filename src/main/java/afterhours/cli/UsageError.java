package afterhours.cli;

/** Bad input on the command line: exit code 2 and one line saying what is wrong. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }
}
