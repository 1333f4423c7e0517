package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.support.PageWords;
import afterhours.validation.Rule;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every code the API can answer has the page's words in Swedish and English ({@code err.CODE} in i18n.js), and
 * the words use only the parameters that code carries.
 */
class ErrorWordsTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private final Map<String, Map<String, String>> words = PageWords.load();

    @Test
    void everyRuleHasWordsInBothLanguagesWithItsOwnParameters() {
        for (Rule rule : Rule.values()) {
            assertThat(PageWords.knowsError(words, rule.code())).as(rule.code()).isTrue();
            for (String language : words.keySet()) {
                assertThat(rule.params()).as("%s in %s", rule.code(), language)
                        .containsAll(placeholders(words.get(language).get("err." + rule.code())));
            }
        }
    }

    @Test
    void everyFailureHasWordsInBothLanguagesWithoutParameters() {
        for (Failure failure : Failure.values()) {
            assertThat(PageWords.knowsError(words, failure.code())).as(failure.code()).isTrue();
            for (String language : words.keySet()) {
                assertThat(placeholders(words.get(language).get("err." + failure.code()))).as(failure.code()).isEmpty();
            }
        }
    }

    @Test
    void noWordsForACodeThatDoesNotExist() {
        Set<String> codes = new TreeSet<>();
        for (Rule rule : Rule.values()) {
            codes.add("err." + rule.code());
        }
        for (Failure failure : Failure.values()) {
            codes.add("err." + failure.code());
        }
        for (Map<String, String> language : words.values()) {
            assertThat(language.keySet().stream().filter(k -> k.startsWith("err.")).toList()).isSubsetOf(codes);
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
