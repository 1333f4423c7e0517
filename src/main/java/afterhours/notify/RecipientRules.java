package afterhours.notify;

import afterhours.validation.Choice;
import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import afterhours.validation.WholeNumber;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a recipient must be before it is stored, field by field, each refusal naming its field and rule: a name
 * (free text), a channel, an address that is exactly one thing to send to (an http(s) URL with a host, a valid
 * port, on a host {@link WebhookHosts} allows; or one plain mailbox, never a group or a list, which would reach
 * more people than the recipient limit counts), a webhook's secret ({@link WebhookSecrets}), a language, the
 * events wanted and the minutes of a PBX outage before it is told. E-mail needs a mail server configured.
 */
public final class RecipientRules {
    public static final int MAX_RECIPIENTS = 20;
    public static final int MAX_ADDRESS = 2000;
    public static final int MAX_DOWN_MINUTES = 1440;
    public static final int DEFAULT_DOWN_MINUTES = 10;
    /** A mailbox: a dot-atom local part (RFC 5322, no quoted strings) at a domain name with at least one dot. */
    private static final Pattern MAILBOX = Pattern.compile("(?=.{3,254}$)(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
            + "(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
            + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /** A recipient as given, every field text or null, before it is checked. */
    public record Draft(String name, String channel, String address, String secret, String language, String events,
                        String downMinutes) { }

    /** What to configure for e-mail. */
    public static final List<String> SMTP_KEYS = List.of("notifications.smtp.host", "notifications.smtp.from");

    private final WebhookHosts hosts;
    private final WebhookSecrets secrets;
    private final boolean mailConfigured;

    /** @param mailConfigured whether a mail server is configured ({@code notifications.smtp}): e-mail needs one */
    public RecipientRules(WebhookHosts hosts, WebhookSecrets secrets, boolean mailConfigured) {
        this.hosts = hosts;
        this.secrets = secrets;
        this.mailConfigured = mailConfigured;
    }

    public WebhookHosts hosts() {
        return hosts;
    }

    /**
     * The recipient {@code d} describes for the line, its secret still as given (the store seals it); refused
     * naming the first field that breaks a rule, or when the line has its {@link #MAX_RECIPIENTS} already.
     */
    public Recipient check(String lineId, Draft d, int recipientsOfLine, Instant now) {
        String name = FreeText.check(FreeText.required(d.name(), "name"), "name");
        Recipient.Channel channel = Choice.of(Recipient.Channel.values(), Recipient.Channel::key, d.channel(), "channel");
        String address = FreeText.atMost(FreeText.required(d.address(), "address"), MAX_ADDRESS, "address");
        String secret = d.secret() == null || d.secret().isBlank() ? null : d.secret().strip();
        if (channel == Recipient.Channel.EMAIL) {
            mailbox(address);
            if (secret != null) {
                throw new InvalidField("secret", Rule.SECRET_NOT_ALLOWED, "only a webhook has a secret");
            }
        } else {
            webhook(address);
            secret = secrets.check(secret);
        }
        String language = d.language() == null || d.language().isBlank() ? "sv"
                : Choice.of(List.of("sv", "en"), d.language(), "language");
        Recipient.Audience events = d.events() == null || d.events().isBlank() ? Recipient.Audience.UNSCHEDULED
                : Choice.of(Recipient.Audience.values(), Recipient.Audience::key, d.events(), "events");
        // left out or empty: the default, never 0 (0 is a choice: not told of outages)
        int down = d.downMinutes() == null || d.downMinutes().isBlank() ? DEFAULT_DOWN_MINUTES
                : WholeNumber.parse(d.downMinutes(), 0, MAX_DOWN_MINUTES, "downMinutes");
        if (channel == Recipient.Channel.EMAIL && !mailConfigured) {
            throw new InvalidField("channel", Rule.SMTP_MISSING, Map.of("keys", SMTP_KEYS),
                    "no mail server is configured, so e-mail cannot be sent: set notifications.smtp.host and"
                            + " notifications.smtp.from in the configuration file and restart, or use a webhook");
        }
        if (recipientsOfLine >= MAX_RECIPIENTS) {
            throw new InvalidField("", Rule.TOO_MANY, Map.of("max", MAX_RECIPIENTS), "a line has at most " + MAX_RECIPIENTS
                    + " recipients");
        }
        return new Recipient(0, lineId, name, channel, address, secret, Locale.forLanguageTag(language), events, down, now);
    }

    /** One plain mailbox ({@code desk@contractor.example}): no display name, no group, no list. */
    public static String mailbox(String address) {
        String a = address.strip();
        if (a.contains(",") || a.contains(";") || a.contains(":") || a.contains("<") || a.indexOf('@') != a.lastIndexOf('@')) {
            throw new InvalidField("address", Rule.ONE_MAILBOX, Map.of("value", address),
                    "expected one mailbox like desk@contractor.example, not a group, a list or a name with an address, was '"
                            + address + "'");
        }
        if (!MAILBOX.matcher(a).matches()) {
            throw new InvalidField("address", Rule.EMAIL_ADDRESS, Map.of("value", address),
                    "expected one e-mail address like desk@contractor.example, was '" + address + "'");
        }
        return a;
    }

    /** An http(s) URL with a host, a port 1..65535 if any, no user or password, on a host the configuration allows. */
    public URI webhook(String address) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw notAUrl(address);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String port = authority.matches(".*:[0-9]*") && !authority.endsWith("]") ? authority.substring(authority.lastIndexOf(':') + 1) : null;
        if ((scheme.equals("https") || scheme.equals("http")) && port != null && !port.matches("0*[1-9][0-9]{0,4}")
                || uri.getPort() > 65535) {
            throw new InvalidField("address", Rule.URL_PORT, Map.of("min", 1, "max", 65535, "value", port),
                    "the port must be 1..65535, was '" + port + "'");
        }
        if ((!scheme.equals("https") && !scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw notAUrl(address);
        }
        if (!hosts.allows(uri.getHost())) {
            throw new InvalidField("address", Rule.HOST_NOT_ALLOWED, Map.of("host", uri.getHost(), "allowed", hosts.patterns()),
                    uri.getHost() + " is not among the hosts webhooks may go to (notifications.webhookHosts: "
                            + String.join(", ", hosts.patterns()) + ")");
        }
        return uri;
    }

    private static InvalidField notAUrl(String address) {
        return new InvalidField("address", Rule.WEBHOOK_URL, Map.of("value", address),
                "expected an https:// (or http://) URL with a host and no user, was '" + address + "'");
    }

    /**
     * The recipient's address as a viewer, the audit trail and the log may show it: a webhook's URL only up to
     * its host, since many receivers carry their key in the path or the query; an e-mail address as it is.
     */
    public static String shownAddress(Recipient r) {
        if (r.channel() != Recipient.Channel.WEBHOOK) {
            return r.address();
        }
        try {
            URI uri = new URI(r.address());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
        } catch (URISyntaxException e) {
            return "…";
        }
    }
}
