package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.Browsers;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.UserStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A fresh install in a real browser: the console's setup link, the first admin's name and password, the page. */
class FirstLoginBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theSetupLinkLeadsToTheWorkingPage() throws Exception {
        ChromeDriver browser = Browsers.chromium(dir, "1280,1200");
        AppConfig sample = TestConfigs.sample(dir);
        int port = Ports.free();
        AppConfig config = TestConfigs.withHttp(sample, port);
        try (Afterhours app = Afterhours.open(config, new LoggingPbxGateway(),
                OffsetClock.startingAt(Instant.parse("2026-11-27T12:00:00Z")))) {
            app.start();
            app.startAdmin();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            browser.get(app.firstLoginLink().orElseThrow());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("setup-name"))).sendKeys("anna");
            browser.findElement(By.id("setup-password")).sendKeys("correct horse battery staple");
            browser.findElement(By.id("setup-form")).submit();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who-name"), "anna (admin)"));
            assertThat(browser.getCurrentUrl()).as("the used code leaves the address bar").doesNotContain("setup");
            assertThat(new UserStore(app.database()).find("anna")).isPresent();
            Files.createDirectories(Path.of("target/screenshots"));
            Files.write(Path.of("target/screenshots/0-first-login.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
