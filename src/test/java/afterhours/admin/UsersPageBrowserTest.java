package afterhours.admin;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.support.AdminPage;
import afterhours.support.OffsetClock;
import afterhours.support.PageOnAPhone;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * An admin manages users and tokens on the page alone, in Chromium on a phone (390 px), in English and Swedish:
 * adds a user with a password and one with a password the service makes (shown once), changes a role, resets a
 * password, removes a user after a question naming them, creates a token (shown once, with a copy button) and
 * revokes it; a refusal (a short password, an empty label) stands at its field in the page's language, with no
 * earlier success message left above it; their own row offers only a new password.
 * Screenshots of each step go to target/screenshots/users-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersPageBrowserTest {
    private PageOnAPhone phone;
    private AdminPage page;
    private UserStore users;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        phone = PageOnAPhone.start(dir, OffsetClock.startingAt(Instant.parse("2026-12-02T14:23:00Z")),
                Map.of("anna", Role.ADMIN, "vera", Role.VIEWER));
        page = phone.page();
        users = phone.users();
    }

    @AfterAll
    void stop() {
        if (phone != null) {
            phone.close();
        }
    }

    private void fill(String id, String text) {
        page.byId(id).clear();
        page.byId(id).sendKeys(text);
    }

    @Test
    void anAdminManagesUsersAndTokensOnAPhoneInBothLanguages() throws IOException {
        for (String lang : List.of("en", "sv")) {
            boolean sv = lang.equals("sv");
            String rita = "rita-" + lang;
            String kent = "kent-" + lang;
            page.width(AdminPage.PHONE);
            page.logIn("anna", lang);
            page.textIs("users-title", sv ? "Användare och nycklar" : "Users and tokens");
            page.textIs("users", "vera");
            page.screenshot("users-1-list-" + lang);

            // a short password is refused at its field, in the page's language, and nothing is added
            fill("user-name", rita);
            new Select(page.byId("user-role")).selectByValue("reception");
            fill("user-password", "short");
            page.byId("user-form").submit();
            page.textIs("user-password-error", sv ? "Minst 12 tecken (det här är 5)." : "At least 12 characters (this is 5).");
            assertThat(page.byId("user-password").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(page.byId("user-password").getAttribute("aria-describedby")).contains("user-password-error");
            assertThat(page.focused()).isEqualTo("user-password");
            assertThat(users.find(rita)).isEmpty();
            page.assertNoPageOverflow("a refused password on a phone");
            page.screenshot("users-2-short-password-" + lang);

            // with a good password: added, no secret shown
            fill("user-password", "rita's long password");
            page.byId("user-form").submit();
            page.textIs("users-ok", sv ? "Tillagd: " + rita + " (reception)." : "Added: " + rita + " (reception).");
            assertThat(page.byId("user-password").getAttribute("aria-invalid")).isNull();
            assertThat(users.find(rita).orElseThrow().role()).isEqualTo(Role.RECEPTION);
            assertThat(page.shown("user-secret")).isFalse();

            // without a password the service makes one, shown once with a copy button
            fill("user-name", kent);
            new Select(page.byId("user-role")).selectByValue("contractor");
            page.byId("user-form").submit();
            page.textIs("user-secret", sv ? "Det nya lösenordet för " + kent + ":" : "The new password of " + kent + ":");
            String generated = page.byId("user-secret-value").getAttribute("value");
            assertThat(generated).hasSize(20);
            assertThat(Passwords.matches(generated, users.find(kent).orElseThrow().passwordHash())).isTrue();
            assertThat(page.focused()).isEqualTo("user-secret-value");
            page.byId("user-secret-copy").click();
            page.await().until(d -> !page.byId("user-secret").findElement(By.className("copied")).getText().isEmpty());
            page.screenshot("users-3-generated-password-" + lang);

            // change kent's role
            new Select(page.byId("user-role-" + kent)).selectByValue("viewer");
            page.byId("user-role-" + kent).findElement(By.xpath("../following-sibling::button[1]")).click();
            page.textIs("users-ok", sv ? kent + " är nu läsare." : kent + " is now viewer.");
            assertThat(users.find(kent).orElseThrow().role()).isEqualTo(Role.VIEWER);

            // one's own row offers neither a role change nor removal (the service refuses both): only a new password
            assertThat(page.browser().findElements(By.id("user-role-anna"))).isEmpty();
            WebElement own = page.byId("users").findElements(By.tagName("li")).stream()
                    .filter(li -> li.getText().startsWith("anna ")).findFirst().orElseThrow();
            assertThat(own.getText()).contains(sv ? "(du)" : "(you)");
            assertThat(own.findElements(By.tagName("button"))).extracting(WebElement::getText)
                    .containsExactly(sv ? "Återställ lösenordet" : "Reset the password");
            page.screenshot("users-4-own-row-" + lang);

            // reset kent's password: asked first, then the new one is shown once
            String before = users.find(kent).orElseThrow().passwordHash();
            clickButton(kent, sv ? "Återställ lösenordet" : "Reset the password");
            page.textIs("confirm-text", sv ? kent + " får ett nytt lösenord" : kent + " gets a new password");
            assertThat(page.focused()).isEqualTo("confirm-no");
            page.screenshotOfScreen("users-5-reset-asks-" + lang);
            page.byId("confirm-yes").click();
            page.await().until(d -> !page.byId("user-secret-value").getAttribute("value").equals(generated)
                    && !page.byId("user-secret-value").getAttribute("value").isEmpty());
            assertThat(users.find(kent).orElseThrow().passwordHash()).isNotEqualTo(before);
            assertThat(Passwords.matches(page.byId("user-secret-value").getAttribute("value"),
                    users.find(kent).orElseThrow().passwordHash())).isTrue();

            // remove rita: the question names her; no keeps her, yes removes her; kent's new password, shown
            // once, does not stay on the screen through the next action
            clickButton(rita, sv ? "Ta bort" : "Remove");
            assertThat(page.shown("user-secret")).isFalse();
            assertThat(page.browser().findElement(By.id("user-secret-value")).getAttribute("value")).isEmpty();
            page.textIs("confirm-text", sv ? "Ta bort användaren " + rita + "?" : "Remove the user " + rita + "?");
            page.screenshotOfScreen("users-6-remove-asks-" + lang);
            page.byId("confirm-no").click();
            assertThat(users.find(rita)).isPresent();
            clickButton(rita, sv ? "Ta bort" : "Remove");
            page.byId("confirm-yes").click();
            page.textIs("users-ok", sv ? "Borttaget: användaren " + rita + "." : "Removed: the user " + rita + ".");
            assertThat(users.find(rita)).isEmpty();
            assertThat(page.focused()).isEqualTo("users-title");

            // a token: an empty label is refused at the field, and the last "Removed" no longer stands above it;
            // then one is made, shown once, and revoked
            assertThat(page.byId("token-label").getAttribute("placeholder")).isEqualTo(sv ? "nattlig export" : "nightly export");
            fill("token-label", "");
            page.byId("token-form").submit();
            page.textIs("token-label-error", sv ? "Måste fyllas i" : "Required");
            assertThat(page.browser().findElement(By.id("users-ok")).getText()).isEmpty();
            assertThat(page.byId("token-label").getAttribute("aria-invalid")).isEqualTo("true");
            fill("token-label", "export " + lang);
            page.byId("token-form").submit();
            page.textIs("token-secret", sv ? "Nyckeln för export " + lang + ":" : "The token for export " + lang + ":");
            String token = page.byId("token-secret-value").getAttribute("value");
            assertThat(token).startsWith("ah_");
            assertThat(users.findToken(Passwords.tokenHash(token))).isPresent();
            page.textIs("tokens", "export " + lang);
            assertThat(page.byId("tokens").getText()).doesNotContain(token);
            page.assertNoPageOverflow("a token shown once on a phone");
            page.assertTouchTargets("users and tokens on a phone");
            page.screenshot("users-7-token-shown-once-" + lang);
            page.byId("tokens").findElement(By.tagName("button")).click();
            page.textIs("confirm-text", sv ? "nyckeln export " + lang : "the token export " + lang);
            page.byId("confirm-yes").click();
            page.textIs("tokens-ok", sv ? "Borttaget: nyckeln export " + lang + "." : "Removed: the token export " + lang + ".");
            assertThat(users.findToken(Passwords.tokenHash(token))).isEmpty();
            assertThat(page.axeViolations()).as("axe-core on the users section").isEmpty();
            page.screenshot("users-8-token-revoked-" + lang);
            page.logOut();
        }
    }

    @Test
    void aViewerSeesNoUsersSection() {
        page.width(AdminPage.PHONE);
        page.logIn("vera", "en");
        page.textIs("who-name", "vera");
        assertThat(page.shown("users-section")).isFalse();
        page.logOut();
    }

    /** Clicks the button of {@code user}'s card whose text is {@code text}. */
    private void clickButton(String user, String text) {
        page.byId("user-role-" + user).findElement(By.xpath("ancestor::li"))
                .findElements(By.tagName("button")).stream().filter(b -> b.getText().equals(text)).findFirst().orElseThrow().click();
    }
}
