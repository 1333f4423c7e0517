package afterhours.calllog;

import afterhours.asterisk.Recordings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The include filters of the shipped manager account ({@code eventfilter(...) = value} lines), applied to
 * recorded events the way Asterisk 22 applies them: an event passes when any include filter matches. Only
 * the criteria the shipped file uses are understood; anything else fails the test rather than guessing.
 */
public final class ShippedEventFilter implements Predicate<String> {
    static final Path FILE = Path.of("config/asterisk/manager-afterhours.conf");
    private static final Pattern LINE = Pattern.compile("^eventfilter\\(([^)]*(?:\\([^)]*\\)[^)]*)*)\\)\\s*=\\s*(.*)$");
    private static final Pattern CRITERION = Pattern.compile("(action|name|header|method)\\(([^)]*)\\)");

    private record Include(String name, String header, String method, String value) {
        boolean matches(Map<String, String> event) {
            if (name != null && !name.equals(event.get("Event"))) {
                return false;
            }
            if (header == null) {
                return true;
            }
            String actual = event.get(header);
            return actual != null && switch (method) {
                case "none" -> true;
                case "exact" -> actual.equals(value);
                case "starts_with" -> actual.startsWith(value);
                default -> throw new AssertionError("method(" + method + ") is not understood by this test");
            };
        }
    }

    private final List<Include> includes;

    private ShippedEventFilter(List<Include> includes) {
        this.includes = includes;
    }

    public static ShippedEventFilter load() {
        List<Include> includes = new ArrayList<>();
        try {
            for (String raw : Files.readAllLines(FILE)) {
                String line = raw.strip();
                if (!line.startsWith("eventfilter")) {
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    throw new AssertionError("eventfilter line this test does not understand: " + line);
                }
                String action = "include";
                String name = null;
                String header = null;
                String method = "none";
                Matcher c = CRITERION.matcher(m.group(1));
                while (c.find()) {
                    switch (c.group(1)) {
                        case "action" -> action = c.group(2);
                        case "name" -> name = c.group(2);
                        case "header" -> header = c.group(2);
                        default -> method = c.group(2);
                    }
                }
                if (!action.equals("include")) {
                    throw new AssertionError("only include filters are understood by this test: " + line);
                }
                includes.add(new Include(name, header, method, m.group(2).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (includes.isEmpty()) {
            throw new AssertionError(FILE + " has no eventfilter lines");
        }
        return new ShippedEventFilter(includes);
    }

    @Override
    public boolean test(String event) {
        Map<String, String> headers = Recordings.headers(event);
        return includes.stream().anyMatch(i -> i.matches(headers));
    }
}
