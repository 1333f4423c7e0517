package afterhours.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import afterhours.secrets.SecretBox;
import afterhours.secrets.SecretKeys;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule a recipient must meet, each refusal with its field and code; nothing here touches a database. */
class RecipientRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:10:00Z");
    private static final Map<String, String> ENV = Map.of("AFTERHOURS_WEBHOOK_DESK", "a-secret-from-the-environment-42",
            "AFTERHOURS_WEBHOOK_SHORT", "short", "AFTERHOURS_SMTP_PASSWORD", "mail-password-1", "PATH", "/usr/bin");

    @TempDir
    Path dir;

    private RecipientRules rules;
    private RecipientRules onlyTheContractor;

    @BeforeEach
    void keys() {
        SecretKeys keys = SecretKeys.at(dir.resolve("secret.key"));
        keys.createIfMissing();
        WebhookSecrets secrets = new WebhookSecrets(new SecretBox(keys, "webhook-secret"), ENV::get);
        rules = new RecipientRules(WebhookHosts.ANY, secrets, true);
        onlyTheContractor = new RecipientRules(new WebhookHosts(List.of("alarm.contractor.example", "*.vakt.example",
                "10.0.0.5", "[2001:DB8::5]")), secrets, true);
    }

    private static RecipientRules.Draft webhook(String address, String secret) {
        return new RecipientRules.Draft("Vaktbolaget", "webhook", address, secret, "sv", null, null);
    }

    private static RecipientRules.Draft email(String address) {
        return new RecipientRules.Draft("Desk", "email", address, null, "en", null, null);
    }

    private static InvalidField refusal(Runnable r) {
        try {
            r.run();
        } catch (InvalidField e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            port out of range           | http://127.0.0.1:99999/x                    | address | url_port
            port zero                   | http://hooks.example:0/x                    | address | url_port
            port empty                  | http://hooks.example:/x                     | address | url_port
            port beyond an int          | http://hooks.example:99999999999/x          | address | url_port
            ftp                         | ftp://hooks.example/a                       | address | webhook_url
            no host                     | https:///a                                  | address | webhook_url
            user in the URL             | https://u:p@hooks.example/a                 | address | webhook_url
            a fragment is never sent    | https://hooks.example/a#key                 | address | webhook_url
            not a URL                   | `https://hooks example/a`                   | address | webhook_url
            """)
    void aWebhookAddressIsAnHttpUrlWithAHostAndAValidPort(String what, String address, String field, String code) {
        InvalidField e = refusal(() -> rules.check("line", webhook(address, "0123456789abcdef"), 0, NOW));
        assertThat(e.field()).as(what).isEqualTo(field);
        assertThat(e.rule().code()).as(what).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a group                      | `team: a@x.example, b@x.example;` | one_mailbox
            a list                       | `a@x.example, b@x.example`        | one_mailbox
            a list with semicolons       | `a@x.example; b@x.example`        | one_mailbox
            a display name               | `Desk <desk@x.example>`           | one_mailbox
            two at signs                 | a@b@x.example                     | one_mailbox
            no at sign                   | desk at contractor                | email_address
            no domain dot                | desk@localhost                    | email_address
            quoted local part            | `"desk x"@x.example`              | email_address
            a line break                 | `desk@x.example\nall@x.example`   | one_mailbox
            a line break, one at sign    | `desk@x.example\nx`              | email_address
            """)
    void anEmailAddressIsOnePlainMailbox(String what, String address, String code) {
        InvalidField e = refusal(() -> rules.check("line", email(address.replace("\\n", "\n")), 0, NOW));
        assertThat(e.field()).isEqualTo("address");
        assertThat(e.rule().code()).as(what).isEqualTo(code);
    }

    @Test
    void goodAddressesPass() {
        assertThat(rules.check("line", email("desk.night+afterhours@contractor.example"), 0, NOW).address())
                .isEqualTo("desk.night+afterhours@contractor.example");
        assertThat(rules.check("line", webhook("https://alarm.contractor.example:8443/hooks/k3y?x=1", "0123456789abcdef"), 0, NOW)
                .channel()).isEqualTo(Recipient.Channel.WEBHOOK);
        assertThat(rules.check("line", webhook("http://[::1]:8080/hook", "0123456789abcdef"), 0, NOW).address())
                .isEqualTo("http://[::1]:8080/hook");
    }

    /** Guards "a webhook can be signed with the service's own secrets" and "an env: name that is not set is accepted". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the SMTP password            | env:AFTERHOURS_SMTP_PASSWORD  | env_not_allowed
            the AMI secret               | env:AFTERHOURS_AMI_SECRET     | env_not_allowed
            the database URL             | env:AFTERHOURS_DATABASE_URL   | env_not_allowed
            any other variable           | env:PATH                      | env_not_allowed
            the prefix alone             | env:AFTERHOURS_WEBHOOK_       | env_not_allowed
            lower case                   | env:afterhours_webhook_desk   | env_not_allowed
            a variable that is not set   | env:AFTERHOURS_WEBHOOK_NOPE   | env_unset
            a variable too short         | env:AFTERHOURS_WEBHOOK_SHORT  | length
            a key too short              | short                         | too_short
            not a variable name          | env:a b                       | env_name
            no secret at all             | ''                            | required
            """)
    void aWebhookSecretComesOnlyFromItsOwnVariablesOrIsGivenWhole(String what, String secret, String code) {
        InvalidField e = refusal(() -> rules.check("line", webhook("https://hooks.example/a", secret), 0, NOW));
        assertThat(e.field()).isEqualTo("secret");
        assertThat(e.rule().code()).as(what).isEqualTo(code);
        assertThat(e.getMessage()).as("a refusal never shows a variable's value").doesNotContain("mail-password-1", "/usr/bin");
        assertThat(rules.check("line", webhook("https://hooks.example/a", "env:AFTERHOURS_WEBHOOK_DESK"), 0, NOW).secret())
                .isEqualTo("env:AFTERHOURS_WEBHOOK_DESK");
    }

    @Test
    void theAllowListDecidesWhereWebhooksMayGo() {
        for (String allowed : List.of("https://alarm.contractor.example/h", "https://ALARM.contractor.example./h",
                "https://a.vakt.example/h", "https://b.c.vakt.example/h", "http://10.0.0.5:8080/h", "http://[2001:db8::5]/h")) {
            assertThat(onlyTheContractor.check("line", webhook(allowed, "0123456789abcdef"), 0, NOW).address()).isEqualTo(allowed);
        }
        for (String refused : List.of("https://vakt.example/h", "https://evil.example/h", "http://127.0.0.1:22/",
                "https://alarm.contractor.example.evil.example/h", "http://10.0.0.50/h", "https://xvakt.example/h")) {
            InvalidField e = refusal(() -> onlyTheContractor.check("line", webhook(refused, "0123456789abcdef"), 0, NOW));
            assertThat(e.rule()).as(refused).isEqualTo(Rule.HOST_NOT_ALLOWED);
            assertThat(e.params().get("allowed")).isEqualTo(List.of("alarm.contractor.example", "*.vakt.example", "10.0.0.5",
                    "2001:db8::5"));
        }
        assertThatThrownBy(() -> new WebhookHosts(List.of("hooks example"))).isInstanceOf(InvalidField.class)
                .hasMessageContaining("expected a host name, an IP address or *.domain");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a line feed           | Vakt\\nINFO forged line   | U+000A
            a carriage return     | Vakt\\rbolaget            | U+000D
            an escape sequence    | Vakt\\u001b[2Jbolaget     | U+001B
            a bidirectional override | Vakt\\u202ebolaget      | U+202E
            a line separator      | Vakt\\u2028bolaget        | U+2028
            """)
    void aNameRefusesControlCharacters(String what, String name, String character) {
        String unescaped = name.replace("\\n", "\n").replace("\\r", "\r").replace("\\u001b", "\u001b")
                .replace("\\u202e", "\u202e").replace("\\u2028", "\u2028");
        InvalidField e = refusal(() -> rules.check("line", new RecipientRules.Draft(unescaped, "email", "a@b.example", null,
                "sv", null, null), 0, NOW));
        assertThat(e.field()).isEqualTo("name");
        assertThat(e.rule()).isEqualTo(Rule.CONTROL_CHARACTER);
        assertThat(e.params().get("character")).as(what).isEqualTo(character);
        assertThat(rules.check("line", new RecipientRules.Draft("Vaktbolaget Öst – natt 🌙", "email", "a@b.example", null,
                "sv", null, null), 0, NOW).name()).isEqualTo("Vaktbolaget Öst – natt 🌙");
    }

    @Test
    void aLineHasAtMostTwentyRecipients() {
        InvalidField e = refusal(() -> rules.check("line", email("a@b.example"), RecipientRules.MAX_RECIPIENTS, NOW));
        assertThat(e.rule()).isEqualTo(Rule.TOO_MANY);
        assertThat(e.params()).containsEntry("max", 20);
    }

    @Test
    void viewersAndTheAuditTrailSeeAWebhookOnlyUpToItsHost() {
        Recipient hook = rules.check("line", webhook("https://alarm.contractor.example:8443/hooks/s3cr3t-path?key=k", "0123456789abcdef"),
                0, NOW);
        assertThat(RecipientRules.shownAddress(hook)).isEqualTo("https://alarm.contractor.example:8443/…");
        assertThat(RecipientRules.shownAddress(rules.check("line", email("desk@contractor.example"), 0, NOW)))
                .isEqualTo("desk@contractor.example");
    }
}
