package afterhours.admin;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.calllog.CallQueryTestData;
import afterhours.calllog.CallStore;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.Browsers;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page in a real headless Chromium (Debian's chromium and chromium-driver, which scripts/test
 * installs): an admin logs in, changes Friday's hours, sees status and preview change, adds a holiday
 * exception, sets and clears an override and filters the call log. Screenshots go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private Afterhours app;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        browser = Browsers.chromium(dir, "1280,2800");
        AppConfig sample = TestConfigs.sample(dir);
        int port = Ports.free();
        AppConfig config = new AppConfig(sample.database(), new AppConfig.Http("127.0.0.1", port), sample.ami(),
                sample.fastAgi(), sample.stateGrace(), sample.verifyPeriod(), sample.watchdogPeriod(), sample.lines(),
                sample.callRetention(), sample.databaseUrl());
        // Friday 27 November 2026, 13:00 in Stockholm: open until 15:00
        app = Afterhours.open(config, new LoggingPbxGateway(), OffsetClock.startingAt(local("2026-11-27T13:00")));
        app.start();
        new UserStore(app.database()).put("anna", Role.ADMIN, Passwords.hash("correct horse battery staple"), Instant.now());
        CallQueryTestData.twoCallsOn25November(new CallStore(app.database()));
        app.startAdmin();
        base = "http://127.0.0.1:" + port;

        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
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
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void textIs(String id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    @Test
    void anAdminRunsTheCentersLineFromThePage() throws IOException {
        browser.get(base + "/");
        byId("login-name").sendKeys("anna");
        byId("login-password").sendKeys("correct horse battery staple");
        byId("login-form").submit();
        textIs("mode", "OPEN");
        textIs("next-change", "next change 2026-11-27 15:00");
        screenshot("1-status");

        // Friday becomes a half day: closed since 12:00, the line is forwarded now
        WebElement friday = byId("hours-friday");
        friday.clear();
        friday.sendKeys("10:00-12:00");
        byId("hours-form").submit();
        textIs("hours-ok", "Saved.");
        friday = byId("hours-friday");   // the week is drawn again after saving
        textIs("mode", "FORWARDED");
        textIs("next-change", "next change 2026-11-30 10:00");
        assertThat(byId("preview").getText()).startsWith("2026-11-30 10:00 OPEN (REGULAR_HOURS");
        screenshot("2-friday-half-day");

        // a bad range is refused with the field named, and nothing changes
        friday.clear();
        friday.sendKeys("10-12");
        byId("hours-form").submit();
        textIs("hours-error", "friday[0]: expected HH:MM-HH:MM, was '10-12'");

        // a holiday exception: Monday 30 November closed
        byId("exc-from").sendKeys("11302026");
        byId("exc-note").sendKeys("Staff day");
        byId("exception-form").submit();
        textIs("exceptions", "2026-11-30: closed \u2014 Staff day");
        textIs("next-change", "next change 2026-12-01 10:00");
        screenshot("3-exception");

        // override: open now until Monday morning, then clear it
        byId("open-until").sendKeys("2026-11-30 08:00");
        byId("open-now").click();
        textIs("mode", "OPEN");
        textIs("reason", "OVERRIDE");
        textIs("reason", "until 2026-11-30 08:00");
        screenshot("4-override");
        byId("clear-override").click();
        textIs("mode", "FORWARDED");

        // the call log, filtered to the office route
        byId("calls-from").sendKeys("11252026");
        byId("calls-to").sendKeys("11252026");
        new Select(byId("calls-route")).selectByVisibleText("office");
        byId("calls-form").submit();
        wait.until(d -> d.findElements(By.cssSelector("#calls tr")).size() == 1);
        assertThat(byId("calls").getText()).contains("2026-11-25 10:30", "0701112222", "office");
        assertThat(byId("calls-csv").getAttribute("href")).contains("/calls.csv?from=2026-11-25&to=2026-11-25&route=office");
        textIs("stats-summary", "1 calls, 1 answered (100 %)");
        screenshot("5-call-log");
    }
}
