package afterhours.admin;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;

import afterhours.support.AdminPage;
import afterhours.support.OffsetClock;
import afterhours.support.PageOnAPhone;
import afterhours.users.Role;
import java.io.IOException;
import java.nio.file.Path;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * No one-click mistake on the admin page, in Chromium on a phone (390 px), in English and Swedish: an override
 * says when it ends and, when it keeps the office ringing outside its hours or forwards calls during them, what it
 * will do before it is set; a range into the next day is shown as such and saved only after a yes; a refusal
 * stands at its field in the page's language; a removal is asked about. The service's clock: Wednesday 2 December 2026, 15:23, the office
 * closed since 15:00 (open weekdays 10:00-15:00). Screenshots of each step go to target/screenshots/safe-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SafeChangesBrowserTest {
    private PageOnAPhone phone;
    private AdminPage page;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        phone = PageOnAPhone.start(dir, OffsetClock.startingAt(local("2026-12-02T15:23")), Map.of("anna", Role.ADMIN));
        page = phone.page();
    }

    @AfterAll
    void stop() {
        if (phone != null) {
            phone.close();
        }
    }

    @Test
    @Order(1)
    void openNowAfterClosingSaysItRingsThroughTheNightAndAsksFirstInBothLanguages() throws IOException {
        for (String lang : List.of("en", "sv")) {
            boolean sv = lang.equals("sv");
            page.width(AdminPage.PHONE);
            page.logIn("anna", lang);
            page.textIs("reason", sv ? "Vidarekopplat: utanför öppettider" : "Forwarded: outside opening hours");

            // no silent default: without an end chosen nothing is sent, and the select says so
            page.byId("open-now").click();
            page.textIs("override-end-error", sv ? "Välj när den manuella inställningen slutar." : "Choose when the manual setting ends.");
            assertThat(page.byId("override-end").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(page.byId("override-end").getAttribute("aria-describedby")).contains("override-end-error");
            assertThat(page.focused()).isEqualTo("override-end");
            page.screenshot("safe-1-no-end-" + lang);

            // until the next scheduled change: the office would ring until tomorrow 15:00, through the night
            new Select(page.byId("override-end")).selectByValue("next-change");
            page.byId("open-now").click();
            page.textIs("confirm-title", sv ? "Låta kontoret ringa?" : "Keep the office ringing?");
            page.textIs("confirm-text", sv ? "Kontoret kommer att ringa till i morgon 15:00 \u2014 23 h 3"
                    : "The office will ring until tomorrow 15:00 \u2014 23 h 3");
            page.textIs("confirm-text", sv ? "natten inräknad" : "including the night");
            WebElement dialog = page.byId("confirm-dialog");
            assertThat(dialog.getAttribute("aria-labelledby")).isEqualTo("confirm-title");
            assertThat(page.focused()).as("the safe answer has the focus").isEqualTo("confirm-no");
            page.browser().switchTo().activeElement().sendKeys(Keys.TAB);
            assertThat(page.focused()).isEqualTo("confirm-yes");
            page.browser().switchTo().activeElement().sendKeys(Keys.TAB);
            assertThat(page.focused()).as("Tab stays in the dialog").isEqualTo("confirm-no");
            page.assertNoPageOverflow("the question on a phone");
            page.screenshotOfScreen("safe-2-open-now-asks-" + lang);

            // Escape is no: nothing changes
            page.browser().switchTo().activeElement().sendKeys(Keys.ESCAPE);
            page.await().until(d -> !page.shown("confirm-dialog"));
            page.textIs("override-error", sv ? "Inget ändrades." : "Nothing was changed.");
            page.textIs("mode", sv ? "Vidarekopplat" : "Forwarded");

            // asked again and agreed: open until tomorrow 15:00, and the status and the manual setting's end agree
            page.byId("open-now").click();
            page.byId("confirm-yes").click();
            page.textIs("mode", sv ? "Öppet" : "Open");
            page.textIs("next-change", sv ? "till 2026-12-03 15:00, sedan vidarekopplat" : "until 2026-12-03 15:00, then forwarded");
            page.textIs("override-info", sv ? "upphör 2026-12-03 15:00" : "ends 2026-12-03 15:00");
            page.await().until(d -> page.focused().equals("status"));
            page.screenshot("safe-3-open-until-tomorrow-" + lang);

            // back to the opening hours by keyboard: asked, then the focus is on the status, not lost
            page.byId("clear-override").sendKeys(Keys.ENTER);
            // the question names what ends and what decides next, nothing that contradicts it
            page.textIs("confirm-text", sv ? "upphör nu i stället för 2026-12-03 15:00, och öppettiderna avgör"
                    : "ends now instead of 2026-12-03 15:00, and the opening hours decide");
            page.byId("confirm-yes").sendKeys(Keys.ENTER);
            page.textIs("mode", sv ? "Vidarekopplat" : "Forwarded");
            page.await().until(d -> !page.shown("clear-override"));
            page.await().until(d -> page.focused().equals("status"));
            page.logOut();
        }
    }

    @Test
    @Order(2)
    void forwardUntilTomorrowAtTwoAndARefusalAtItsFieldInSwedish() throws IOException {
        page.width(AdminPage.PHONE);
        page.logIn("anna", "sv");

        // a time already past is refused at the field, in Swedish, "now" in the line's time (not UTC)
        new Select(page.byId("override-end")).selectByValue("at");
        page.byId("override-at").sendKeys("2026-12-01 13:00");
        page.byId("forward-now").click();
        page.textIs("override-at-error", "Måste ligga i framtiden (nu är det 2026-12-02 15:2");
        assertThat(page.byId("override-at").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.byId("override-at").getAttribute("aria-describedby")).contains("override-at-error");
        assertThat(page.browser().findElement(By.id("override-error")).getText()).isEmpty();
        page.screenshot("safe-4-past-end-refused-sv");

        // forward until tomorrow 14:00 drops tomorrow's 10:00-14:00: said and asked first; no changes nothing
        WebElement at = page.byId("override-at");
        at.clear();
        at.sendKeys("2026-12-03 14:00");
        page.byId("forward-now").click();
        page.textIs("confirm-title", "Vidarekoppla under öppettiderna?");
        page.textIs("confirm-text", "Samtalen går till vaktbolaget till i morgon 14:00 — 22 h 3");
        page.textIs("confirm-text", "; kontoret ringer inte under 4 h av sina öppettider.");
        assertThat(page.focused()).isEqualTo("confirm-no");
        page.screenshotOfScreen("safe-5a-forward-asks-sv");
        page.byId("confirm-no").click();
        page.textIs("override-error", "Inget ändrades.");
        assertThat(page.browser().findElement(By.id("override-info")).getText()).isEmpty();
        page.byId("forward-now").click();
        page.byId("confirm-yes").click();
        page.textIs("reason", "Vidarekopplat: manuellt av anna");
        page.textIs("next-change", "till 2026-12-03 14:00, sedan öppet");
        page.textIs("override-info", "upphör 2026-12-03 14:00");
        assertThat(page.byId("override-at").getAttribute("aria-invalid")).isNull();
        page.screenshot("safe-5-forward-until-tomorrow-14-sv");

        // a week with an hour that does not exist: the words at Monday's field, never the service's field path
        WebElement monday = page.byId("hours-monday");
        monday.clear();
        monday.sendKeys("10:00-15:00, 25:00-26:00");
        page.byId("hours-form").submit();
        page.textIs("hours-monday-error", "Intervall 2: ");
        String words = page.byId("hours-monday-error").getText();
        assertThat(words).doesNotContain("monday", "[1]", "expected", "must");
        assertThat(page.byId("hours-monday").getAttribute("aria-describedby")).contains("hours-monday-error");
        assertThat(page.focused()).isEqualTo("hours-monday");
        page.screenshot("safe-6-hours-refused-at-field-sv");

        // an e-mail recipient while no mail server is configured: said at "How", naming what to configure
        page.byId("rcp-name").sendKeys("Kontoret");
        page.byId("rcp-address").sendKeys("desk@example.se");
        page.byId("recipient-form").submit();
        page.textIs("rcp-channel-error", "Ingen e-postserver är konfigurerad");
        assertThat(page.byId("rcp-channel").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.browser().findElement(By.id("recipient-error")).getText()).isEmpty();
        page.screenshot("safe-6b-email-refused-at-field-sv");
        page.logOut();
    }

    @Test
    @Order(3)
    void aRangeIntoTheNextDayIsShownAndSavedOnlyAfterAYes() throws IOException {
        page.width(AdminPage.PHONE);
        page.logIn("anna", "en");

        // typed the wrong way round: shown as running into the next day, and asked about; cancelled, nothing saved
        WebElement monday = page.byId("hours-monday");
        monday.clear();
        monday.sendKeys("15:00-10:00");
        page.textIs("hours-monday-overnight", "Into the next day: 15:00 \u2192 10:00 next day (19 h)");
        page.byId("hours-form").submit();
        page.textIs("confirm-title", "Ranges into the next day");
        page.textIs("confirm-text", "Monday 15:00 \u2192 10:00 next day (19 h)");
        page.screenshotOfScreen("safe-7-reversed-range-asks-en");
        page.byId("confirm-no").click();
        page.textIs("hours-error", "Nothing was changed.");
        page.browser().navigate().refresh();
        page.await().until(d -> "10:00-15:00".equals(page.byId("hours-monday").getAttribute("value")));
        page.logOut();

        // meant (a night shift on Friday, in Swedish): confirmed and saved, and the week shows it
        page.logIn("anna", "sv");
        WebElement friday = page.byId("hours-friday");
        friday.clear();
        friday.sendKeys("10:00-15:00, 22:00-02:00");
        page.byId("hours-form").submit();
        page.textIs("confirm-text", "fredag 22:00 \u2192 02:00 nästa dag (4 h)");
        page.byId("confirm-yes").click();
        page.textIs("hours-ok", "Sparat.");
        page.textIs("hours-friday-overnight", "In i nästa dag: 22:00 \u2192 02:00 nästa dag (4 h)");
        page.screenshot("safe-8-night-range-saved-sv");

        // exception hours the same way: 12:00-10:00 on Friday 4 December is asked about, then listed as such
        page.byId("exc-from").sendKeys("2026-12-04");
        // "that day's hours" take nothing while "closed all day" is ticked
        assertThat(page.byId("exc-closed").isSelected()).isTrue();
        assertThat(page.byId("exc-hours").isEnabled()).isFalse();
        page.byId("exc-closed").click();
        assertThat(page.byId("exc-hours").isEnabled()).isTrue();
        page.byId("exc-hours").sendKeys("12:00-10:00");
        page.textIs("exc-hours-overnight", "12:00 \u2192 10:00 nästa dag (22 h)");
        page.byId("exception-form").submit();
        page.textIs("confirm-text", "12:00 \u2192 10:00 nästa dag (22 h)");
        page.byId("confirm-yes").click();
        page.textIs("exceptions", "2026-12-04: 12:00 \u2192 10:00 nästa dag (22 h)");
        page.screenshot("safe-9-exception-into-next-day-sv");
        page.logOut();
    }

    @Test
    @Order(4)
    void aRemovalNamesWhatGoesAndAsksFirst() throws IOException {
        page.width(AdminPage.PHONE);
        page.logIn("anna", "en");

        // the section navigation takes the keyboard to the exceptions
        WebElement link = page.browser().findElement(By.cssSelector("#sections a[href='#exceptions-title']"));
        assertThat(link.getText()).isEqualTo("Exceptions");
        link.click();
        assertThat(page.focused()).isEqualTo("exceptions-title");
        page.assertTouchTargets("the section navigation on a phone");
        page.screenshotOfScreen("safe-10-section-navigation-en");

        WebElement remove = page.browser().findElement(By.cssSelector("#exceptions button"));
        remove.click();
        page.textIs("confirm-text", "Remove the exception 2026-12-04: 12:00 \u2192 10:00 next day (22 h)? This cannot be undone.");
        page.screenshotOfScreen("safe-11-removal-asks-en");
        page.browser().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        page.await().until(d -> !page.shown("confirm-dialog"));
        page.textIs("exceptions", "2026-12-04");

        page.browser().findElement(By.cssSelector("#exceptions button")).click();
        page.byId("confirm-yes").click();
        page.textIs("exceptions", "No exceptions.");
        page.textIs("exceptions-ok", "Removed: the exception 2026-12-04");
        page.await().until(d -> page.focused().equals("exceptions-title"));
        assertThat(page.axeViolations()).as("axe-core after the day's changes at 390 px").isEmpty();
        page.screenshot("safe-12-removed-en");
        page.logOut();
    }
}
