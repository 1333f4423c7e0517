package afterhours.admin;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.calllog.CallQueryTestData;
import afterhours.calllog.MissedCallScenario;
import afterhours.calllog.CallStore;
import afterhours.config.AppConfig;
import afterhours.notify.RetryPolicy;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.Browsers;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.support.WebhookReceiver;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page in a real headless Chromium (Debian's chromium and chromium-driver, which scripts/test
 * installs), as each of the three roles, on a desk (1400 px) and on a phone (390 and 360 px), in English
 * and Swedish: what each role sees, that nothing is wider than the screen, touch targets, axe-core's
 * WCAG 2.1 A/AA rules, and an admin's day: hours, an exception, an override round trip, a settings edit,
 * the call log. Screenshots go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPageBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String PASSWORD = "correct horse battery staple";
    private static final int DESK = 1400;
    private static final int PHONE = 390;
    private static final int SMALL_PHONE = 360;
    /** WCAG 2.5.5's size for a touch target, in CSS pixels. */
    private static final int TOUCH = 44;

    private static final String HOOK_SECRET = "the-contractors-shared-secret-01";

    private Path dir;
    private WebhookReceiver receiver;
    private Afterhours app;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        this.dir = dir;
        browser = Browsers.chromium(dir, "1400,1000");
        AppConfig sample = TestConfigs.sample(dir);
        int port = Ports.free();
        AppConfig config = TestConfigs.withHttp(sample, port);
        // Friday 27 November 2026, 13:00 in Stockholm: open until 15:00
        app = Afterhours.open(config, new LoggingPbxGateway(), OffsetClock.startingAt(local("2026-11-27T13:00")));
        app.start();
        UserStore users = new UserStore(app.database());
        users.put("anna", Role.ADMIN, Passwords.hash(PASSWORD), Instant.now());
        users.put("vera", Role.VIEWER, Passwords.hash(PASSWORD), Instant.now());
        users.put("kalle", Role.CONTRACTOR, Passwords.hash(PASSWORD), Instant.now());
        users.put("rita", Role.RECEPTION, Passwords.hash(PASSWORD), Instant.now());
        CallQueryTestData.twoCallsOn25November(new CallStore(app.database()));
        MissedCallScenario.aMorning(new CallStore(app.database()));
        app.startAdmin();
        app.startNotifications(RetryPolicy.DEFAULT);
        receiver = new WebhookReceiver(HOOK_SECRET);
        base = "http://127.0.0.1:" + port;
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // the page redraws lists it polls (the delivery log every 2 s): an element found may be gone when read
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void eachRoleSeesOnlyWhatItMayDoOnADeskAndOnAPhoneInBothLanguages() throws IOException {
        for (String lang : List.of("en", "sv")) {
            for (int width : List.of(DESK, PHONE, SMALL_PHONE)) {
                for (String user : List.of("anna", "vera", "kalle", "rita")) {
                    width(width);
                    logIn(user, lang);
                    String name = user + "-" + lang + "-" + width;
                    textIs("mode", lang.equals("sv") ? "Öppet" : "Open");
                    textIs("reason", lang.equals("sv") ? "Öppet enligt öppettider" : "Open during opening hours");
                    textIs("next-change", lang.equals("sv") ? "till 2026-11-27 15:00, sedan vidarekopplat"
                            : "until 2026-11-27 15:00, then forwarded");
                    wait.until(d -> d.findElements(By.cssSelector("#days li")).size() == 15);
                    assertThat(shown("calendar-link")).as(name + ": everyone gets the calendar").isTrue();
                    switch (user) {
                        case "anna" -> {
                            assertThat(shown("forward-now")).as(name).isTrue();
                            assertThat(shown("exception-form")).as(name).isTrue();
                            assertThat(byId("hours-friday").getAttribute("readonly")).as(name).isNull();
                            wait.until(d -> !d.findElements(By.cssSelector("#audit tr")).isEmpty());
                        }
                        case "vera" -> {
                            assertThat(shown("hours-title")).as(name + ": a viewer reads everything").isTrue();
                            textIs("missed", "0701234567");
                            assertThat(byId("hours-friday").getAttribute("readonly")).as(name).isNotNull();
                            assertThat(byId("set-ringSeconds").getAttribute("readonly")).as(name).isNotNull();
                            assertThat(shown("pbx")).as(name).isTrue();
                            assertThat(visibleButtons()).as(name + ": a viewer has no button that changes anything")
                                    .containsOnly("logout", "calls-form");
                        }
                        case "rita" -> {
                            textIs("missed-summary", lang.equals("sv") ? "1 väntar på att bli uppringda" : "1 waiting for a call-back");
                            for (String hiddenFromReception : List.of("hours-title", "calls-title", "audit-title", "pbx",
                                    "forward-now", "exceptions-title", "settings-title", "notify-title")) {
                                assertThat(shown(hiddenFromReception)).as(name + ": " + hiddenFromReception).isFalse();
                            }
                            assertThat(visibleButtons()).as(name + ": the reception marks call-backs, nothing else")
                                    .contains("logout", "missed-m-1-form")
                                    .allMatch(b -> b.equals("logout") || b.startsWith("missed-"));
                        }
                        default -> {
                            assertThat(shown("missed-title")).as(name + ": the call-back list has caller numbers").isFalse();
                            for (String hiddenFromContractor : List.of("hours-title", "calls-title", "audit-title", "pbx",
                                    "forward-now", "exceptions-title", "settings-title")) {
                                assertThat(shown(hiddenFromContractor)).as(name + ": " + hiddenFromContractor).isFalse();
                            }
                            assertThat(visibleButtons()).as(name).containsOnly("logout");
                            assertThat(browser.findElement(By.tagName("body")).getText()).as(name)
                                    .doesNotContain("FastAGI", "127.0.0.1");
                        }
                    }
                    assertNoPageOverflow(name);
                    if (width < DESK) {
                        assertTouchTargets(name);
                    }
                    screenshot("role-" + name);
                    logOut();
                }
            }
        }
    }

    @Test
    @Order(2)
    void theBrowsersLanguageChoosesSwedishAndTheConsoleStaysClean() throws IOException {
        ChromeDriver swedish = Browsers.chromium(dir, "1400,1000", "sv-SE");
        try {
            swedish.get(base + "/");
            new WebDriverWait(swedish, Duration.ofSeconds(15))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-title"), "Logga in"));
            assertThat(swedish.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("sv");
            List<String> console = swedish.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage).toList();
            assertThat(console).as("no 401 or favicon 404 in the console on first load").isEmpty();
            Files.write(SCREENSHOTS.resolve("login-sv.png"), swedish.getScreenshotAs(OutputType.BYTES));
        } finally {
            swedish.quit();
        }
    }

    @Test
    @Order(3)
    void axeFindsNoWcagViolationsOnTheAdminsPageOnADeskOrAPhone() {
        for (int width : List.of(DESK, PHONE)) {
            width(width);
            logIn("anna", "en");
            wait.until(d -> !d.findElements(By.cssSelector("#audit tr")).isEmpty());
            assertThat(axeViolations()).as("axe-core at " + width + " px").isEmpty();
            logOut();
        }
    }

    @Test
    @Order(4)
    void anAdminRunsTheCentersLineFromThePage() throws IOException {
        width(DESK);
        logIn("anna", "en");
        textIs("mode", "Open");
        screenshot("1-status");

        // Friday becomes a half day: closed since 12:00, the line is forwarded now
        WebElement friday = byId("hours-friday");
        friday.clear();
        friday.sendKeys("10:00-12:00");
        byId("hours-form").submit();
        textIs("hours-ok", "Saved.");
        friday = byId("hours-friday");   // the week is drawn again after saving
        textIs("mode", "Forwarded");
        textIs("reason", "Forwarded: outside opening hours");
        textIs("next-change", "until 2026-11-30 10:00, then open");
        assertThat(byId("preview").getText()).startsWith("2026-11-30 10:00: Open");
        screenshot("2-friday-half-day");

        // a bad range is refused, the field named as the page names it, and nothing changes
        friday.clear();
        friday.sendKeys("10-12");
        byId("hours-form").submit();
        textIs("hours-error", "Friday, range 1: expected HH:MM-HH:MM, was '10-12'");

        // an exception: Monday 30 November closed, marked in the two-week strip
        byId("exc-from").sendKeys("2026-11-30");
        byId("exc-note").sendKeys("Staff day");
        byId("exception-form").submit();
        textIs("exceptions", "2026-11-30: closed all day \u2014 Staff day");
        textIs("next-change", "until 2026-12-01 10:00, then open");
        textIs("days", "Mon 2026-11-30");
        textIs("days", "exception: Staff day");
        screenshot("3-exception");

        // override round trip: forward now ... open now until Monday morning, then back to the hours
        byId("open-until").sendKeys("2026-11-30 08:00");
        byId("open-now").click();
        // open outside the hours over the weekend: the service asks first, the page passes the question on
        wait.until(ExpectedConditions.alertIsPresent());
        assertThat(browser.switchTo().alert().getText()).contains("open outside its opening hours", "including the night");
        browser.switchTo().alert().accept();
        textIs("mode", "Open");
        textIs("reason", "Open: set by hand by anna");
        textIs("next-change", "until 2026-11-30 08:00, then forwarded");
        textIs("override-info", "The manual setting ends 2026-11-30 08:00");
        screenshot("4-override");
        byId("clear-override").click();
        textIs("mode", "Forwarded");
        wait.until(d -> !shown("clear-override"));

        // settings: a wrong ring time is refused naming the field; a right one is saved and audited
        WebElement ring = byId("set-ringSeconds");
        ring.clear();
        ring.sendKeys("3");
        byId("settings-form").submit();
        textIs("settings-error", "ringSeconds");
        ring = byId("set-ringSeconds");
        ring.clear();
        ring.sendKeys("25");
        byId("settings-form").submit();
        textIs("settings-ok", "Saved.");
        textIs("audit", "changed the line settings");
        assertThat(byId("set-ringSeconds").getAttribute("value")).isEqualTo("25");
        textIs("switches", "Open \u2192 Forwarded");
        screenshot("5-settings-audit");

        // the contractor's desk is told by webhook: added, sent a test, the delivery log shows it sent
        byId("rcp-name").sendKeys("Vaktbolaget");
        new Select(byId("rcp-channel")).selectByValue("webhook");
        byId("rcp-address").sendKeys(receiver.url());
        byId("rcp-secret").sendKeys(HOOK_SECRET);
        byId("rcp-missed").click();
        byId("recipient-form").submit();
        textIs("recipients", "Vaktbolaget \u2014 webhook " + receiver.url());
        assertThat(byId("recipients").getText()).contains("secret set", "unscheduled changes, missed calls (numbers masked)")
                .doesNotContain(HOOK_SECRET);
        browser.findElement(By.cssSelector("#recipients button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#deliveries td[data-label='Status']")).stream()
                .anyMatch(e -> e.getText().equals("sent")));
        assertThat(receiver.received()).hasSize(1).allMatch(WebhookReceiver.Received::signed);
        screenshot("6-notifications");

        // the call log, filtered to the office route, with its chart and period
        byId("calls-from").sendKeys("2026-11-25");
        byId("calls-to").sendKeys("2026-11-25");
        new Select(byId("calls-route")).selectByValue("office");
        byId("calls-form").submit();
        wait.until(d -> d.findElements(By.cssSelector("#calls tr")).size() == 1);
        assertThat(byId("calls").getText()).contains("2026-11-25 10:30", "0701112222", "office");
        assertThat(byId("calls-csv").getAttribute("href")).contains("/calls.csv?from=2026-11-25&to=2026-11-25&route=office");
        textIs("stats-summary", "Calls: 1, answered 1 (100 %)");
        textIs("stats-period", "Period: 2026-11-25 \u2013 2026-11-25");
        textIs("chart-weekdays", "Wed");
        assertThat(byId("chart-hours").getText()).contains("10\n1");
        new Select(byId("audit-kind")).selectByValue("reads");
        textIs("audit", "listed calls: 2026-11-25 00:00 \u2013 2026-11-26 00:00");
        new Select(byId("audit-kind")).selectByValue("changes");
        screenshot("7-call-log");

        // the same page in Swedish, on a phone
        new Select(byId("lang")).selectByValue("sv");
        textIs("mode", "Vidarekopplat");
        textIs("calls-title", "Samtalslogg");
        width(PHONE);
        assertNoPageOverflow("admin, Swedish, phone, after a day's work");
        screenshot("8-admin-sv-phone");
        new Select(byId("lang")).selectByValue("en");
    }

    @Test
    @Order(5)
    void theReceptionCallsBackAMissedCallFromAPhoneAndTheAdminSeesItInTheAuditTrail() throws IOException {
        browser.get(base + "/");
        wait.until(d -> shown("login-name") || shown("logout"));
        if (shown("logout")) {
            logOut();   // the admin of the test before
        }
        width(PHONE);
        logIn("rita", "sv");
        textIs("missed-summary", "1 väntar på att bli uppringda; den äldsta i ");
        textIs("missed-summary", "(sedan 2026-11-27 10:05). 3 missade samtal de senaste 14 dagarna.");
        textIs("missed-m-1", "ringde 25 s \u00b7 kontoret: svarade inte, vaktbolaget: upptaget \u00b7 öppet");
        textIs("missed-m-1-state", "Väntar på att bli uppringd");
        textIs("missed-m-2-state", "Besvarat senare samtal 2026-11-27 11:15");
        textIs("missed-m-5-state", "Dolt nummer: går inte att ringa upp");
        assertThat(byId("missed-m-1").findElement(By.cssSelector("a.button")).getAttribute("href")).isEqualTo("tel:0701234567");
        assertNoPageOverflow("reception, Swedish, phone");
        assertTouchTargets("reception, Swedish, phone");
        screenshot("missed-1-reception-sv-phone");

        byId("missed-m-1-note").sendKeys("Ringt upp, allt väl");
        byId("missed-m-1").findElement(By.cssSelector("button[data-outcome='called-back']")).click();
        textIs("missed-m-1-state", "Uppringd av rita 2026-11-27 ");
        textIs("missed-m-1-state", ": \u201cRingt upp, allt väl\u201d");
        textIs("missed-summary", "Ingen väntar på att bli uppringd.");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus stays on the call marked")
                .isEqualTo("missed-m-1-state");
        assertNoPageOverflow("reception after marking");
        screenshot("missed-2-called-back-sv-phone");
        logOut();

        // the admin reads it in English, and the audit trail says who marked which call, the number masked
        width(SMALL_PHONE);
        logIn("anna", "en");
        textIs("missed-m-1-state", "Called back by rita 2026-11-27 ");
        textIs("audit", "marked a missed call: 2026-11-27 10:05, 070123xxxx, called back \u2014 \u201cRingt upp, allt väl\u201d");
        assertThat(byId("audit").getText()).doesNotContain("0701234567");
        assertThat(axeViolations()).as("axe-core with the call-back list at 360 px").isEmpty();
        assertNoPageOverflow("admin, English, small phone, with the call-back list");
        screenshot("missed-3-audit-en-small-phone");

        // a mistake is undone; the call waits again
        byId("missed-m-1").findElement(By.cssSelector("button.missed-undo")).click();
        textIs("missed-m-1-state", "Waiting for a call-back");
        textIs("audit", "undid the mark of a missed call");
        width(DESK);
        screenshot("missed-4-desk-en");
        logOut();
    }

    // --- helpers ---

    private int width = DESK;

    private void width(int px) {
        width = px;
        viewport(px < DESK ? 844 : 1000);
    }

    private void viewport(int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < DESK));
    }

    private void logIn(String user, String lang) {
        browser.get(base + "/");
        new Select(byId("lang")).selectByValue(lang);
        byId("login-name").sendKeys(user);
        byId("login-password").sendKeys(PASSWORD);
        byId("login-form").submit();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        textIs("who-name", user);
    }

    private void logOut() {
        byId("logout").click();
        byId("login-name");
    }

    /** The whole page, not only what fits on the screen. */
    private void screenshot(String name) throws IOException {
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        viewport(height.intValue());
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            width(width);
        }
    }

    private WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private boolean shown(String id) {
        List<WebElement> found = browser.findElements(By.id(id));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    private void textIs(String id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    /** The id of each visible button, or of the form it submits; the language and line selects are not buttons. */
    @SuppressWarnings("unchecked")
    private List<String> visibleButtons() {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('button')]"
                + ".filter(b => b.offsetParent !== null).map(b => b.id || (b.form && b.form.id) || b.textContent)");
    }

    private void assertNoPageOverflow(String what) {
        Number scroll = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number client = (Number) browser.executeScript("return document.documentElement.clientWidth");
        assertThat(scroll.intValue()).as(what + ": the page is no wider than the screen").isLessThanOrEqualTo(client.intValue());
    }

    /** Every visible button, field, select and button-like link is at least 44 px tall. */
    @SuppressWarnings("unchecked")
    private void assertTouchTargets(String what) {
        List<String> small = (List<String>) browser.executeScript("return [...document.querySelectorAll("
                + "'button, input:not([type=checkbox]), select, a.button')].filter(e => e.offsetParent !== null)"
                + ".filter(e => e.getBoundingClientRect().height < " + TOUCH + ")"
                + ".map(e => (e.id || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().height))");
        assertThat(small).as(what + ": touch targets under " + TOUCH + " px").isEmpty();
    }

    /** axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now; each violation as "rule: targets". */
    @SuppressWarnings("unchecked")
    private List<String> axeViolations() {
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
