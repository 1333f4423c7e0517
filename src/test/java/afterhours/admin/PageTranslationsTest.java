package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every word the page shows exists in both languages (the keys of i18n.js, index.html's data-t and the scripts'
 * t('…')), and every key of i18n.js is used by the page: a key nothing uses is a word no one maintains.
 */
class PageTranslationsTest {
    private static final Pattern KEY = Pattern.compile("^\\s+'([A-Za-z0-9_.-]+)':", Pattern.MULTILINE);
    /** A quoted key anywhere in a script: t('…'), a list of column keys, a key chosen by a condition. */
    private static final Pattern QUOTED = Pattern.compile("'([a-zA-Z0-9_-]+(?:\\.[a-zA-Z0-9_-]+)*)'");
    /** A family of keys chosen at run time: t('mode.' + s.mode). */
    private static final Pattern FAMILY = Pattern.compile("'([a-zA-Z0-9_.-]+\\.)'\\s*\\+");
    private static final Pattern CALLED = Pattern.compile("\\bt\\('([a-zA-Z0-9_.-]+)'");
    /** A key in index.html: an element's text (data-t), its label (data-t-aria) or its example (data-t-placeholder). */
    private static final Pattern DATA_T = Pattern.compile("data-t(?:-aria|-placeholder)?=\"([^\"]+)\"");

    @Test
    void swedishAndEnglishHaveTheSameKeysAndCoverEveryKeyThePageUses() throws IOException, URISyntaxException {
        Set<String> english = english();
        Set<String> used = keys(DATA_T, web("index.html"));
        for (String script : scripts()) {
            used.addAll(keys(CALLED, script));
        }
        for (String key : used) {
            // t('mode.' + s.mode) is a family of keys: at least one of it must exist
            assertThat(key.endsWith(".") ? english.stream().anyMatch(k -> k.startsWith(key)) : english.contains(key))
                    .as("the key " + key).isTrue();
        }
    }

    @Test
    void everyKeyIsUsedByThePage() throws IOException, URISyntaxException {
        Set<String> used = keys(DATA_T, web("index.html"));
        List<String> families = new ArrayList<>();
        for (String script : scripts()) {
            used.addAll(keys(QUOTED, script));
            families.addAll(keys(FAMILY, script));
        }
        List<String> unused = english().stream()
                .filter(k -> !used.contains(k))
                .filter(k -> families.stream().noneMatch(k::startsWith))
                .toList();
        assertThat(unused).as("keys of i18n.js that neither index.html nor a script uses").isEmpty();
    }

    /** The English keys, after checking that Swedish has exactly the same. */
    private static Set<String> english() throws IOException {
        String i18n = web("i18n.js");
        int sv = i18n.indexOf("\n  sv: {");
        assertThat(sv).as("the Swedish block").isPositive();
        Set<String> english = keys(KEY, i18n.substring(0, sv));
        assertThat(keys(KEY, i18n.substring(sv))).isEqualTo(english);
        return english;
    }

    /** Every script of the page but the words themselves. */
    private static List<String> scripts() throws IOException, URISyntaxException {
        Path dir = Path.of(PageTranslationsTest.class.getResource("/web/index.html").toURI()).getParent();
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".js") && !f.endsWith("i18n.js")).sorted().toList()) {
                texts.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(texts).as("the page's scripts").hasSizeGreaterThanOrEqualTo(3);
        return texts;
    }

    private static Set<String> keys(Pattern pattern, String text) {
        Set<String> keys = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static String web(String file) throws IOException {
        try (var in = PageTranslationsTest.class.getResourceAsStream("/web/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
