package afterhours.support;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The sample service on a clock of the test's choosing, its admin page open in Chromium at a phone's width, and
 * the given users with {@link AdminPage#PASSWORD}: what a page test needs before its first click.
 */
public final class PageOnAPhone implements AutoCloseable {
    private final Afterhours app;
    private final ChromeDriver browser;
    private final AdminPage page;

    private PageOnAPhone(Afterhours app, ChromeDriver browser, AdminPage page) {
        this.app = app;
        this.browser = browser;
        this.page = page;
    }

    public static PageOnAPhone start(Path dir, Clock clock, Map<String, Role> users) throws IOException {
        return start(dir, TestConfigs.sample(dir), clock, users);
    }

    /** As {@link #start(Path, Clock, Map)} with the lines of {@code lines} (its admin endpoint is chosen here). */
    public static PageOnAPhone start(Path dir, AppConfig lines, Clock clock, Map<String, Role> users) throws IOException {
        ChromeDriver browser = Browsers.chromium(dir, AdminPage.PHONE + ",844");
        Afterhours app = null;
        try {
            int port = Ports.free();
            AppConfig config = TestConfigs.withHttp(lines, port);
            app = Afterhours.open(config, new LoggingPbxGateway(), clock);
            app.start();
            UserStore store = new UserStore(app.database());
            for (Map.Entry<String, Role> user : users.entrySet()) {
                store.put(user.getKey(), user.getValue(), Passwords.hash(AdminPage.PASSWORD), Instant.now());
            }
            app.startAdmin();
            return new PageOnAPhone(app, browser, new AdminPage(browser, "http://127.0.0.1:" + port));
        } catch (IOException | RuntimeException e) {
            browser.quit();
            if (app != null) {
                app.close();
            }
            throw e;
        }
    }

    public Afterhours app() {
        return app;
    }

    public AdminPage page() {
        return page;
    }

    public UserStore users() {
        return new UserStore(app.database());
    }

    @Override
    public void close() {
        browser.quit();
        app.close();
    }
}
