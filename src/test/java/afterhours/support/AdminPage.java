package afterhours.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page driven in a real Chromium, as the page tests use it: log in and out in a language, a desk's or a
 * phone's width, wait for words, full-page screenshots under target/screenshots, and the checks every page
 * state must pass (nothing wider than the screen, touch targets, axe-core's WCAG rules).
 */
public final class AdminPage {
    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    public static final String PASSWORD = "correct horse battery staple";
    public static final int DESK = 1400;
    public static final int PHONE = 390;
    public static final int SMALL_PHONE = 360;
    /** WCAG 2.5.5's size for a touch target, in CSS pixels. */
    public static final int TOUCH = 44;

    private final ChromeDriver browser;
    private final WebDriverWait wait;
    private final String base;
    private int width = DESK;

    public AdminPage(ChromeDriver browser, String base) throws IOException {
        this.browser = browser;
        this.base = base;
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // the page redraws lists it polls (the delivery log every 2 s): an element found may be gone when read
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    public ChromeDriver browser() {
        return browser;
    }

    public WebDriverWait await() {
        return wait;
    }

    public String base() {
        return base;
    }

    public int width() {
        return width;
    }

    public void width(int px) {
        width = px;
        viewport(px < DESK ? 844 : 1000);
    }

    private void viewport(int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < DESK));
    }

    /** Logs in as {@code user}, first logging out whoever the browser's session has. */
    public void logIn(String user, String lang) {
        browser.get(base + "/");
        wait.until(d -> shown("login-name") || shown("logout"));
        if (shown("logout")) {
            logOut();
        }
        new Select(byId("lang")).selectByValue(lang);
        byId("login-name").sendKeys(user);
        byId("login-password").sendKeys(PASSWORD);
        byId("login-form").submit();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        textIs("who-name", user);
        // the page has drawn every section once it moves the focus from the login form to the status
        wait.until(d -> focused().equals("status-title"));
    }

    public void logOut() {
        byId("logout").click();
        byId("login-name");
    }

    /** The whole page, not only what fits on the screen. */
    public void screenshot(String name) throws IOException {
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        viewport(height.intValue());
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            width(width);
        }
    }

    /** What is on the screen now, as a person sees it (an open dialog over the page). */
    public void screenshotOfScreen(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    public WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    public boolean shown(String id) {
        List<WebElement> found = browser.findElements(By.id(id));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    public void textIs(String id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    /** The id of the element that has the focus ("" for none). */
    public String focused() {
        String id = browser.switchTo().activeElement().getAttribute("id");
        return id == null ? "" : id;
    }

    /** The id of each visible button, or of the form it submits; the language and line selects are not buttons. */
    @SuppressWarnings("unchecked")
    public List<String> visibleButtons() {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('button')]"
                + ".filter(b => b.offsetParent !== null).map(b => b.id || (b.form && b.form.id) || b.textContent)");
    }

    public void assertNoPageOverflow(String what) {
        Number scroll = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number client = (Number) browser.executeScript("return document.documentElement.clientWidth");
        assertThat(scroll.intValue()).as(what + ": the page is no wider than the screen").isLessThanOrEqualTo(client.intValue());
    }

    /** Every visible button, field, select and button-like link is at least 44 px tall. */
    @SuppressWarnings("unchecked")
    public void assertTouchTargets(String what) {
        List<String> small = (List<String>) browser.executeScript("return [...document.querySelectorAll("
                + "'button, input:not([type=checkbox]), select, a.button')].filter(e => e.offsetParent !== null)"
                + ".filter(e => e.getBoundingClientRect().height < " + TOUCH + ")"
                + ".map(e => (e.id || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().height))");
        assertThat(small).as(what + ": touch targets under " + TOUCH + " px").isEmpty();
    }

    /** axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now; each violation as "rule: targets". */
    @SuppressWarnings("unchecked")
    public List<String> axeViolations() {
        String axe;
        try (InputStream in = getClass().getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js on the test classpath").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        browser.executeScript(axe);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return (List<String>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })"
                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): '"
                + " + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
    }
}
