package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every word the page shows exists in both languages: the keys of i18n.js, index.html's data-t and the scripts' t('…'). */
class PageTranslationsTest {
    private static final Pattern KEY = Pattern.compile("^\\s+'([A-Za-z0-9_.-]+)':", Pattern.MULTILINE);

    @Test
    void swedishAndEnglishHaveTheSameKeysAndCoverEveryKeyThePageUses() throws IOException {
        String i18n = web("i18n.js");
        int sv = i18n.indexOf("\n  sv: {");
        assertThat(sv).as("the Swedish block").isPositive();
        Set<String> english = keys(KEY, i18n.substring(0, sv));
        Set<String> swedish = keys(KEY, i18n.substring(sv));
        assertThat(swedish).isEqualTo(english);

        Set<String> used = keys(Pattern.compile("data-t=\"([^\"]+)\""), web("index.html"));
        used.addAll(keys(Pattern.compile("\\bt\\('([a-zA-Z0-9_.-]+)'"), web("app.js")));
        used.addAll(keys(Pattern.compile("\\bt\\('([a-zA-Z0-9_.-]+)'"), web("missed.js")));
        for (String key : used) {
            // t('mode.' + s.mode) is a family of keys: at least one of it must exist
            assertThat(key.endsWith(".") ? english.stream().anyMatch(k -> k.startsWith(key)) : english.contains(key))
                    .as("the key " + key).isTrue();
        }
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
        try (InputStream in = PageTranslationsTest.class.getResourceAsStream("/web/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
