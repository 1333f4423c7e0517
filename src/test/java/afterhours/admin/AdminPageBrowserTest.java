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
import afterhours.support.AdminPage;
import afterhours.support.Browsers;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.support.WebhookReceiver;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.IOException;
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
    private static final Path SCREENSHOTS = AdminPage.SCREENSHOTS;
    private static final String PASSWORD = AdminPage.PASSWORD;
    private static final int DESK = AdminPage.DESK;
    private static final int PHONE = AdminPage.PHONE;
    private static final int SMALL_PHONE = AdminPage.SMALL_PHONE;

    private static final String HOOK_SECRET = "the-contractors-shared-secret-01";

    private Path dir;
    private WebhookReceiver receiver;
    private Afterhours app;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String base;
    private AdminPage page;

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
        page = new AdminPage(browser, base);
        wait = page.await();
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
                    page.width(width);
                    page.logIn(user, lang);
                    String name = user + "-" + lang + "-" + width;
                    page.textIs("mode", lang.equals("sv") ? "Öppet" : "Open");
                    page.textIs("reason", lang.equals("sv") ? "Öppet enligt öppettider" : "Open during opening hours");
                    page.textIs("next-change", lang.equals("sv") ? "till 2026-11-27 15:00, sedan vidarekopplat"
                            : "until 2026-11-27 15:00, then forwarded");
                    wait.until(d -> d.findElements(By.cssSelector("#days li")).size() == 15);
                    assertThat(page.shown("calendar-link")).as(name + ": everyone gets the calendar").isTrue();
                    switch (user) {
                        case "anna" -> {
                            assertThat(page.shown("forward-now")).as(name).isTrue();
                            assertThat(page.shown("exception-form")).as(name).isTrue();
                            assertThat(page.byId("hours-friday").getAttribute("readonly")).as(name).isNull();
                            wait.until(d -> !d.findElements(By.cssSelector("#audit tr")).isEmpty());
                        }
                        case "vera" -> {
                            assertThat(page.shown("hours-title")).as(name + ": a viewer reads everything").isTrue();
                            page.textIs("missed", "0701234567");
                            assertThat(page.byId("hours-friday").getAttribute("readonly")).as(name).isNotNull();
                            assertThat(page.byId("set-ringSeconds").getAttribute("readonly")).as(name).isNotNull();
                            assertThat(page.shown("pbx")).as(name).isTrue();
                            assertThat(page.visibleButtons()).as(name + ": a viewer has no button that changes anything")
                                    .containsOnly("logout", "calls-form");
                        }
                        case "rita" -> {
                            page.textIs("missed-summary", lang.equals("sv") ? "1 väntar på att bli uppringda" : "1 waiting for a call-back");
                            for (String hiddenFromReception : List.of("hours-title", "calls-title", "audit-title", "pbx",
                                    "forward-now", "exceptions-title", "settings-title", "notify-title")) {
                                assertThat(page.shown(hiddenFromReception)).as(name + ": " + hiddenFromReception).isFalse();
                            }
                            assertThat(page.visibleButtons()).as(name + ": the reception marks call-backs, nothing else")
                                    .contains("logout", "missed-m-1-form")
                                    .allMatch(b -> b.equals("logout") || b.startsWith("missed-"));
                        }
                        default -> {
                            assertThat(page.shown("missed-title")).as(name + ": the call-back list has caller numbers").isFalse();
                            for (String hiddenFromContractor : List.of("hours-title", "calls-title", "audit-title", "pbx",
                                    "forward-now", "exceptions-title", "settings-title")) {
                                assertThat(page.shown(hiddenFromContractor)).as(name + ": " + hiddenFromContractor).isFalse();
                            }
                            assertThat(page.visibleButtons()).as(name).containsOnly("logout");
                            assertThat(browser.findElement(By.tagName("body")).getText()).as(name)
                                    .doesNotContain("FastAGI", "127.0.0.1");
                        }
                    }
                    page.assertNoPageOverflow(name);
                    if (width < DESK) {
                        page.assertTouchTargets(name);
                    }
                    page.screenshot("role-" + name);
                    page.logOut();
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
            page.width(width);
            page.logIn("anna", "en");
            wait.until(d -> !d.findElements(By.cssSelector("#audit tr")).isEmpty());
            assertThat(page.axeViolations()).as("axe-core at " + width + " px").isEmpty();
            page.logOut();
        }
    }

    @Test
    @Order(4)
    void anAdminRunsTheCentersLineFromThePage() throws IOException {
        page.width(DESK);
        page.logIn("anna", "en");
        page.textIs("mode", "Open");
        page.screenshot("1-status");

        // Friday becomes a half day: closed since 12:00, the line is forwarded now
        WebElement friday = page.byId("hours-friday");
        friday.clear();
        friday.sendKeys("10:00-12:00");
        page.byId("hours-form").submit();
        page.textIs("hours-ok", "Saved.");
        friday = page.byId("hours-friday");   // the week is drawn again after saving
        page.textIs("mode", "Forwarded");
        page.textIs("reason", "Forwarded: outside opening hours");
        page.textIs("next-change", "until 2026-11-30 10:00, then open");
        assertThat(page.byId("preview").getText()).startsWith("2026-11-30 10:00: Open");
        page.screenshot("2-friday-half-day");

        // a bad range is refused at its field, in the page's words, and nothing changes
        friday.clear();
        friday.sendKeys("10-12");
        page.byId("hours-form").submit();
        page.textIs("hours-friday-error", "Range 1: Enter a range as hh:mm-hh:mm, e.g. 10:00-15:00 (\u201c10-12\u201d is not one).");
        assertThat(page.byId("hours-friday").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.focused()).isEqualTo("hours-friday");

        // an exception: Monday 30 November closed, marked in the two-week strip
        page.byId("exc-from").sendKeys("2026-11-30");
        page.byId("exc-note").sendKeys("Staff day");
        page.byId("exception-form").submit();
        page.textIs("exceptions", "2026-11-30: closed all day \u2014 Staff day");
        page.textIs("next-change", "until 2026-12-01 10:00, then open");
        page.textIs("days", "Mon 2026-11-30");
        page.textIs("days", "exception: Staff day");
        page.screenshot("3-exception");

        // override round trip: forward now ... open now until Monday morning, then back to the hours
        new Select(page.byId("override-end")).selectByValue("at");
        page.byId("override-at").sendKeys("2026-11-30 08:00");
        page.byId("open-now").click();
        // open outside the hours over the weekend: the page says what will happen and asks first
        page.textIs("confirm-text", "The office will ring until 2026-11-30 08:00");
        page.textIs("confirm-text", "including the night");
        page.byId("confirm-yes").click();
        page.textIs("mode", "Open");
        page.textIs("reason", "Open: set by hand by anna");
        page.textIs("next-change", "until 2026-11-30 08:00, then forwarded");
        page.textIs("override-info", "The manual setting ends 2026-11-30 08:00");
        page.screenshot("4-override");
        page.byId("clear-override").click();
        page.textIs("confirm-title", "Back to the opening hours?");
        page.byId("confirm-yes").click();
        page.textIs("mode", "Forwarded");
        wait.until(d -> !page.shown("clear-override"));

        // settings: a wrong ring time is refused naming the field; a right one is saved and audited
        WebElement ring = page.byId("set-ringSeconds");
        ring.clear();
        ring.sendKeys("3");
        page.byId("settings-form").submit();
        page.textIs("set-ringSeconds-error", "5");
        assertThat(page.byId("set-ringSeconds-error").getText()).doesNotContain("ringSeconds");
        ring = page.byId("set-ringSeconds");
        ring.clear();
        ring.sendKeys("25");
        page.byId("settings-form").submit();
        page.textIs("settings-ok", "Saved.");
        page.textIs("audit", "changed the line settings");
        assertThat(page.byId("set-ringSeconds").getAttribute("value")).isEqualTo("25");
        page.textIs("switches", "Open \u2192 Forwarded");
        page.screenshot("5-settings-audit");

        // the contractor's desk is told by webhook: added, sent a test, the delivery log shows it sent
        page.byId("rcp-name").sendKeys("Vaktbolaget");
        new Select(page.byId("rcp-channel")).selectByValue("webhook");
        page.byId("rcp-address").sendKeys(receiver.url());
        page.byId("rcp-secret").sendKeys(HOOK_SECRET);
        page.byId("rcp-missed").click();
        page.byId("recipient-form").submit();
        page.textIs("recipients", "Vaktbolaget \u2014 webhook " + receiver.url());
        assertThat(page.byId("recipients").getText()).contains("secret set", "unscheduled changes, missed calls (numbers masked)")
                .doesNotContain(HOOK_SECRET);
        browser.findElement(By.cssSelector("#recipients button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#deliveries td[data-label='Status']")).stream()
                .anyMatch(e -> e.getText().equals("sent")));
        assertThat(receiver.received()).hasSize(1).allMatch(WebhookReceiver.Received::signed);
        page.screenshot("6-notifications");

        // removing the recipient names who goes and asks first; after it, the focus is on the section's heading
        browser.findElement(By.cssSelector("#recipients button[aria-label^='Remove']")).click();
        page.textIs("confirm-text", "Remove the recipient Vaktbolaget (" + receiver.url() + "), who will no longer be told of anything?");
        page.byId("confirm-yes").click();
        page.textIs("recipients", "Nobody is told yet.");
        page.textIs("recipients-ok", "Removed: the recipient Vaktbolaget");
        wait.until(d -> page.focused().equals("notify-title"));

        // the call log, filtered to the office route, with its chart and period
        page.byId("calls-from").sendKeys("2026-11-25");
        page.byId("calls-to").sendKeys("2026-11-25");
        new Select(page.byId("calls-route")).selectByValue("office");
        page.byId("calls-form").submit();
        wait.until(d -> d.findElements(By.cssSelector("#calls tr")).size() == 1);
        assertThat(page.byId("calls").getText()).contains("2026-11-25 10:30", "0701112222", "office");
        assertThat(page.byId("calls-csv").getAttribute("href")).contains("/calls.csv?from=2026-11-25&to=2026-11-25&route=office");
        page.textIs("stats-summary", "Calls: 1, answered 1 (100 %)");
        page.textIs("stats-period", "Period: 2026-11-25 \u2013 2026-11-25");
        page.textIs("chart-weekdays", "Wed");
        assertThat(page.byId("chart-hours").getText()).contains("10\n1");
        new Select(page.byId("audit-kind")).selectByValue("reads");
        page.textIs("audit", "listed calls: 2026-11-25 00:00 \u2013 2026-11-26 00:00");
        new Select(page.byId("audit-kind")).selectByValue("changes");
        page.screenshot("7-call-log");

        // the same page in Swedish, on a phone
        new Select(page.byId("lang")).selectByValue("sv");
        page.textIs("mode", "Vidarekopplat");
        page.textIs("calls-title", "Samtalslogg");
        page.width(PHONE);
        page.assertNoPageOverflow("admin, Swedish, phone, after a day's work");
        page.screenshot("8-admin-sv-phone");
        new Select(page.byId("lang")).selectByValue("en");
    }

    @Test
    @Order(5)
    void theReceptionCallsBackAMissedCallFromAPhoneAndTheAdminSeesItInTheAuditTrail() throws IOException {
        browser.get(base + "/");
        wait.until(d -> page.shown("login-name") || page.shown("logout"));
        if (page.shown("logout")) {
            page.logOut();   // the admin of the test before
        }
        page.width(PHONE);
        page.logIn("rita", "sv");
        page.textIs("missed-summary", "1 väntar på att bli uppringda; den äldsta i ");
        page.textIs("missed-summary", "(sedan 2026-11-27 10:05). 3 missade samtal de senaste 14 dagarna.");
        page.textIs("missed-m-1", "ringde 25 s \u00b7 kontoret: svarade inte, vaktbolaget: upptaget \u00b7 öppet");
        page.textIs("missed-m-1-state", "Väntar på att bli uppringd");
        page.textIs("missed-m-2-state", "Besvarat senare samtal 2026-11-27 11:15");
        page.textIs("missed-m-5-state", "Dolt nummer: går inte att ringa upp");
        assertThat(page.byId("missed-m-1").findElement(By.cssSelector("a.button")).getAttribute("href")).isEqualTo("tel:0701234567");
        page.assertNoPageOverflow("reception, Swedish, phone");
        page.assertTouchTargets("reception, Swedish, phone");
        page.screenshot("missed-1-reception-sv-phone");

        page.byId("missed-m-1-note").sendKeys("Ringt upp, allt väl");
        page.byId("missed-m-1").findElement(By.cssSelector("button[data-outcome='called-back']")).click();
        page.textIs("missed-m-1-state", "Uppringd av rita 2026-11-27 ");
        page.textIs("missed-m-1-state", ": \u201cRingt upp, allt väl\u201d");
        page.textIs("missed-summary", "Ingen väntar på att bli uppringd.");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus stays on the call marked")
                .isEqualTo("missed-m-1-state");
        page.assertNoPageOverflow("reception after marking");
        page.screenshot("missed-2-called-back-sv-phone");
        page.logOut();

        // the admin reads it in English, and the audit trail says who marked which call, the number masked
        page.width(SMALL_PHONE);
        page.logIn("anna", "en");
        page.textIs("missed-m-1-state", "Called back by rita 2026-11-27 ");
        page.textIs("audit", "marked a missed call: 2026-11-27 10:05, 070123xxxx, called back \u2014 \u201cRingt upp, allt väl\u201d");
        assertThat(page.byId("audit").getText()).doesNotContain("0701234567");
        assertThat(page.axeViolations()).as("axe-core with the call-back list at 360 px").isEmpty();
        page.assertNoPageOverflow("admin, English, small phone, with the call-back list");
        page.screenshot("missed-3-audit-en-small-phone");

        // a mistake is undone; the call waits again
        page.byId("missed-m-1").findElement(By.cssSelector("button.missed-undo")).click();
        page.textIs("missed-m-1-state", "Waiting for a call-back");
        page.textIs("audit", "undid the mark of a missed call");
        page.width(DESK);
        page.screenshot("missed-4-desk-en");
        page.logOut();
    }
}
