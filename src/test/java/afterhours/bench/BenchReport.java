package afterhours.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Prints one row per figure and appends the same row as JSON to {@code target/bench.jsonl}. */
final class BenchReport {
    static final Path FILE = Path.of("target/bench.jsonl");

    private BenchReport() {
    }

    static void header(String figure, String value, String reference) {
        System.out.printf("%-56s %16s %16s%n", figure, value, reference);
    }

    static void row(String bench, String figure, String value, String reference) {
        System.out.printf("%-56s %16s %16s%n", figure, value, reference);
        String json = String.format("{\"bench\":\"%s\",\"figure\":\"%s\",\"value\":\"%s\",\"reference\":\"%s\",\"at\":\"%s\"}%n",
                bench, escape(figure), escape(value), escape(reference), java.time.Instant.now());
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, json, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
