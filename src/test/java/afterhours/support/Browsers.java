package afterhours.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium for the page tests (scripts/test installs chromium and chromium-driver). */
public final class Browsers {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Browsers() {
    }

    /**
     * A fresh browser with its own profile in {@code dir}; skips the test without Chromium, or fails it when
     * {@code -Dafterhours.browser=required} (as scripts/test runs).
     */
    public static ChromeDriver chromium(Path dir, String windowSize) {
        return chromium(dir, windowSize, "en-US");
    }

    /** As {@link #chromium(Path, String)}, with the browser's language (what the page reads from navigator.languages). */
    public static ChromeDriver chromium(Path dir, String windowSize, String language) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "required".equals(System.getProperty("afterhours.browser"))) {
            throw new IllegalStateException("chromium and chromium-driver are required (scripts/test installs them)");
        }
        Assumptions.assumeTrue(present, "no Chromium on this machine; scripts/test installs it");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + windowSize, "--lang=" + language, "--user-data-dir=" + dir.resolve("chromium-" + language));
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));   // the page's console, for the tests
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
    }
}
