package afterhours.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The page's words as {@code i18n.js} holds them: per language, each key's text (lists left out). */
public final class PageWords {
    private static final Pattern ENTRY = Pattern.compile("^\\s+'([A-Za-z0-9_.-]+)':\\s*'((?:[^'\\\\]|\\\\.)*)',?\\s*$",
            Pattern.MULTILINE);

    private PageWords() {
    }

    /** {@code en} and {@code sv}, each key to its text. */
    public static Map<String, Map<String, String>> load() {
        String i18n;
        try (InputStream in = PageWords.class.getResourceAsStream("/web/i18n.js")) {
            i18n = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int sv = i18n.indexOf("\n  sv: {");
        return Map.of("en", entries(i18n.substring(0, sv)), "sv", entries(i18n.substring(sv)));
    }

    private static Map<String, String> entries(String block) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = ENTRY.matcher(block);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** Whether the page has words for the error code {@code code} in both languages. */
    public static boolean knowsError(Map<String, Map<String, String>> words, String code) {
        return words.get("en").containsKey("err." + code) && words.get("sv").containsKey("err." + code);
    }
}
