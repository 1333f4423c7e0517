package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.support.AdminPage;
import afterhours.support.OffsetClock;
import afterhours.support.PageOnAPhone;
import afterhours.support.TestConfigs;
import afterhours.users.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A municipality's switchboard of 1,001 lines on a phone (390 px), in Swedish and English: the line is found by typing
 * part of its name (case and accents ignored), its id or its number, chosen with Enter or from the narrowed select,
 * and stays chosen while the page redraws. Prints how long the page takes from logging in to the status drawn, and
 * what the status and the line list cost, next to the same on the one-line sample (figures, not asserted).
 * Screenshots go to target/screenshots/lines-*.
 */
class LinePickerBrowserTest {
    private static final Instant NOW = Instant.parse("2026-12-02T14:23:00Z");
    private static final int LINES = 1000;

    @Test
    void aLineAmongAThousandIsFoundByNameIdOrNumber(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("many"));
        var config = TestConfigs.manyLines(dir.resolve("many"), LINES, i -> switch (i) {
            case 0 -> "Trygghetscenter Åmål";
            case 1 -> "Socialjouren Kil";
            default -> "Linje " + i;
        }, "[\"10:00-15:00\"]");
        try (PageOnAPhone phone = PageOnAPhone.start(dir.resolve("many"), config, OffsetClock.startingAt(NOW),
                Map.of("anna", Role.ADMIN))) {
            AdminPage page = phone.page();
            double login = loggedInOnAPhone(page);
            page.textIs("line-count", LINES + " linjer");
            assertThat(page.byId("line").findElements(By.tagName("option"))).hasSize(LINES);
            assertThat(page.browser().findElement(By.cssSelector("nav.line-picker")).getAttribute("aria-label")).isEqualTo("Linje");
            page.textIs("line-search-field", "Sök en linje");
            assertThat(page.byId("set-name").getAttribute("value")).isEqualTo("Trygghetscenter Åmål");

            // by name, without accents or case: the first line found is shown with Enter
            search(page, "SOCIALJOUREN");
            page.textIs("line-count", "1 av " + LINES + " linjer matchar");
            assertThat(options(page)).containsExactly("1 hittade: välj en", "Socialjouren Kil");
            long start = System.nanoTime();
            page.byId("line-search").sendKeys(Keys.ENTER);
            page.await().until(d -> "Socialjouren Kil".equals(page.byId("set-name").getAttribute("value")));
            double switched = (System.nanoTime() - start) / 1e6;
            assertThat(new Select(page.byId("line")).getFirstSelectedOption().getText()).isEqualTo("Socialjouren Kil");
            assertThat(options(page)).containsExactly("Socialjouren Kil");
            page.screenshot("lines-1-found-by-name-sv");

            search(page, "amal");
            assertThat(options(page)).containsExactly("1 hittade: välj en", "Trygghetscenter Åmål");
            search(page, "trygg");
            assertThat(options(page)).containsExactly("1 hittade: välj en", "Trygghetscenter Åmål");

            // by number (a part of it) and by id; the arrow down key moves to the select, where the line is chosen
            search(page, "00512");
            assertThat(options(page)).containsExactly("1 hittade: välj en", "Linje 512");
            search(page, "line-0777");
            assertThat(options(page)).containsExactly("1 hittade: välj en", "Linje 777");
            search(page, "linje 99");
            page.textIs("line-count", "11 av " + LINES + " linjer matchar");
            page.byId("line-search").sendKeys(Keys.ARROW_DOWN);
            assertThat(page.focused()).isEqualTo("line");
            new Select(page.byId("line")).selectByVisibleText("Linje 995");
            page.await().until(d -> "Linje 995".equals(page.byId("set-name").getAttribute("value")));
            page.textIs("line-count", "11 av " + LINES + " linjer matchar");
            assertThat(options(page)).hasSize(11).doesNotContain("11 hittade: välj en");

            search(page, "zzz");
            assertThat(options(page)).containsExactly("Ingen linje matchar");
            page.textIs("line-count", "0 av " + LINES + " linjer matchar");
            page.assertNoPageOverflow("a line picker on a phone");
            page.assertTouchTargets("a line picker on a phone");
            assertThat(page.axeViolations()).isEmpty();
            page.screenshot("lines-2-nothing-found-sv");

            // the chosen line stays chosen while the page redraws in the other language
            search(page, "");
            new Select(page.byId("lang")).selectByValue("en");
            page.textIs("line-count", LINES + " lines");
            assertThat(page.browser().findElement(By.cssSelector("nav.line-picker")).getAttribute("aria-label")).isEqualTo("Line");
            assertThat(new Select(page.byId("line")).getFirstSelectedOption().getText()).isEqualTo("Linje 995");
            assertThat(page.byId("set-name").getAttribute("value")).isEqualTo("Linje 995");
            search(page, "kil");
            assertThat(options(page)).containsExactly("1 found: choose one", "Socialjouren Kil");
            page.screenshot("lines-3-found-en");

            double[] costs = costs(page);
            System.out.printf("line picker, %d lines: log in to status drawn %.0f ms, a line shown after Enter %.0f ms,"
                    + " GET /api/v1/status %.0f ms (%.0f kB), GET /api/v1/lines %.0f ms (%.0f kB)%n", LINES, login, switched,
                    costs[0], costs[1], costs[2], costs[3]);
        }
        try (PageOnAPhone phone = PageOnAPhone.start(dir.resolve("sample"), OffsetClock.startingAt(NOW),
                Map.of("anna", Role.ADMIN))) {
            AdminPage page = phone.page();
            double login = loggedInOnAPhone(page);
            // one line: nothing to search
            assertThat(page.shown("line-search-field")).isFalse();
            assertThat(options(page)).containsExactly("Trygghetscenter Karlstad");
            double[] costs = costs(page);
            System.out.printf("line picker, 1 line (baseline): log in to status drawn %.0f ms,"
                    + " GET /api/v1/status %.0f ms (%.0f kB), GET /api/v1/lines %.0f ms (%.0f kB)%n", login,
                    costs[0], costs[1], costs[2], costs[3]);
        }
    }

    private static void search(AdminPage page, String text) {
        WebElement field = page.byId("line-search");
        field.clear();
        if (text.isEmpty()) {
            page.browser().executeScript("arguments[0].dispatchEvent(new Event('input'))", field);
        } else {
            field.sendKeys(text);
        }
    }

    private static List<String> options(AdminPage page) {
        return page.byId("line").findElements(By.tagName("option")).stream().map(WebElement::getText).toList();
    }

    /** The median of 5 reads each of the status and the line list from the page: milliseconds and kB. */
    @SuppressWarnings("unchecked")
    private static double[] costs(AdminPage page) {
        List<Number> out = (List<Number>) page.browser().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const read = async (p) => { const times = []; let size = 0;"
                + "  for (let i = 0; i < 5; i++) { const t0 = performance.now();"
                + "    const r = await fetch(p, { headers: { 'X-Requested-With': 'afterhours' } });"
                + "    size = (await r.text()).length; times.push(performance.now() - t0); }"
                + "  times.sort((a, b) => a - b); return [times[2], size / 1024]; };"
                + "(async () => done([...await read('/api/v1/status'), ...await read('/api/v1/lines')]))();");
        return out.stream().mapToDouble(Number::doubleValue).toArray();
    }

    /** Logs anna in, in Swedish, at a phone's width; the ms from the login form to the status drawn. */
    private static double loggedInOnAPhone(AdminPage page) {
        page.width(AdminPage.PHONE);
        long start = System.nanoTime();
        page.logIn("anna", "sv");
        return (System.nanoTime() - start) / 1e6;
    }
}
