package afterhours.asterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real Asterisk 22 traffic, recorded in a lab and kept in the test resources ({@code src/test/resources/asterisk},
 * with its {@code README.md} and the lab's dialplan), split into messages.
 */
public final class Recordings {
    private Recordings() {
    }

    /** The folder: {@code src/test/resources/asterisk}, or {@code -Dafterhours.recordings}. */
    public static Path dir() {
        String configured = System.getProperty("afterhours.recordings");
        Path dir = configured != null ? Path.of(configured) : Path.of("src", "test", "resources", "asterisk");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the recorded Asterisk traffic is missing: no folder " + dir.toAbsolutePath()
                    + " (it is part of the repository; run the tests from the project's top folder)");
        }
        return dir;
    }

    /** One recording; a missing one fails at once, naming the file. */
    public static String read(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the recording " + name + " is missing from " + dir().toAbsolutePath());
        }
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CRLF-separated messages of an AMI stream (the banner line is dropped), each as raw text. */
    public static List<String> amiMessages(String text) {
        List<String> out = new ArrayList<>();
        String body = text.startsWith("Asterisk Call Manager/") ? text.substring(text.indexOf("\r\n") + 2) : text;
        for (String block : body.split("\r\n\r\n")) {
            if (!block.isBlank()) {
                out.add(block + "\r\n\r\n");
            }
        }
        return out;
    }

    /** The event messages of a recorded AMI stream, in order. */
    public static List<String> events(String rxName) {
        return amiMessages(read(rxName)).stream().filter(m -> m.startsWith("Event: ")).toList();
    }

    private static final java.util.regex.Pattern IDS = java.util.regex.Pattern.compile(
            "(?<=^|\n)(Uniqueid|Linkedid|DestUniqueid|DestLinkedid): ([^\r\n]+)\r\n");
    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile("(?<=^|\n)Timestamp: (\\d+)\\.(\\d{6})\r\n");

    /**
     * A copy of recorded events as another call: every channel id gets {@code suffix} (so copies never share
     * a Linkedid) and every Timestamp moves by {@code shiftMillis}.
     */
    public static List<String> asAnotherCall(List<String> events, String suffix, long shiftMillis) {
        List<String> out = new ArrayList<>(events.size());
        for (String e : events) {
            String ids = IDS.matcher(e).replaceAll("$1: $2" + java.util.regex.Matcher.quoteReplacement(suffix) + "\r\n");
            java.util.regex.Matcher t = TIMESTAMP.matcher(ids);
            StringBuilder moved = new StringBuilder();
            while (t.find()) {
                long micros = Long.parseLong(t.group(1)) * 1_000_000 + Long.parseLong(t.group(2)) + shiftMillis * 1000;
                t.appendReplacement(moved, String.format("Timestamp: %d.%06d\r\n", micros / 1_000_000, micros % 1_000_000));
            }
            t.appendTail(moved);
            out.add(moved.toString());
        }
        return out;
    }

    /** Asterisk's Timestamp of the first event that has one (recorded traffic is moved to "now" by it). */
    public static java.time.Instant firstTimestamp(List<String> events) {
        for (String e : events) {
            String ts = headers(e).get("Timestamp");
            if (ts != null) {
                return java.time.Instant.ofEpochMilli(Math.round(Double.parseDouble(ts) * 1000));
            }
        }
        throw new IllegalArgumentException("no event with a Timestamp");
    }

    /** Headers of one AMI message, keys as written. */
    public static Map<String, String> headers(String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            } else if (line.endsWith(":")) {
                headers.put(line.substring(0, line.length() - 1), "");
            }
        }
        return headers;
    }

    /** The {@code agi_*} environment of a recorded FastAGI request, in order. */
    public static Map<String, String> agiEnvironment(String rxName) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : read(rxName).split("\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(": ");
            env.put(colon > 0 ? line.substring(0, colon) : line.replace(":", ""), colon > 0 ? line.substring(colon + 2) : "");
        }
        return env;
    }
}
