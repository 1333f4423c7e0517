package afterhours.notify;

import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a recipient must be before it is stored, field by field, each refusal naming its field and rule: a name
 * (free text), a channel, an address that is exactly one thing to send to (an http(s) URL with a host, a valid
 * port, on a host {@link WebhookHosts} allows; or one plain mailbox, never a group or a list, which would reach
 * more people than the recipient limit counts), a webhook's secret ({@link WebhookSecrets}), a language, the
 * events wanted and the minutes of a PBX outage before it is told.
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

    private final WebhookHosts hosts;
    private final WebhookSecrets secrets;

    public RecipientRules(WebhookHosts hosts, WebhookSecrets secrets) {
        this.hosts = hosts;
        this.secrets = secrets;
    }

    public WebhookHosts hosts() {
        return hosts;
    }

    /**
     * The recipient {@code d} describes for the line, its secret still as given (the store seals it); refused
     * naming the first field that breaks a rule, or when the line has its {@link #MAX_RECIPIENTS} already.
     */
    public Recipient check(String lineId, Draft d, int recipientsOfLine, Instant now) {
        String name = required(d.name(), "name");
        FreeText.check(name, "name");
        Recipient.Channel channel = choice(d.channel(), "channel", Recipient.Channel.class, null);
        String address = required(d.address(), "address");
        if (address.length() > MAX_ADDRESS) {
            throw new InvalidField("address", Rule.TOO_LONG, Map.of("max", MAX_ADDRESS, "length", address.length()),
                    "at most " + MAX_ADDRESS + " characters, was " + address.length());
        }
        String secret = d.secret() == null || d.secret().isBlank() ? null : d.secret().strip();
        if (channel == Recipient.Channel.EMAIL) {
            mailbox(address);
            if (secret != null) {
                throw new InvalidField("secret", Rule.WEBHOOK_ONLY, Map.of("channel", channel.key()), "only a webhook has a secret");
            }
        } else {
            webhook(address);
            secret = secrets.check(secret);
        }
        String language = d.language() == null ? "sv" : d.language().strip().toLowerCase(Locale.ROOT);
        if (!language.equals("sv") && !language.equals("en")) {
            throw new InvalidField("language", Rule.ONE_OF, Map.of("allowed", List.of("sv", "en"), "value", d.language()),
                    "expected sv or en, was '" + d.language() + "'");
        }
        Recipient.Audience events = choice(d.events(), "events", Recipient.Audience.class, Recipient.Audience.UNSCHEDULED);
        int down = downMinutes(d.downMinutes());
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

    private static int downMinutes(String text) {
        if (text == null) {
            return DEFAULT_DOWN_MINUTES;
        }
        int down;
        try {
            down = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidField("downMinutes", Rule.WHOLE_NUMBER, Map.of("min", 0, "max", MAX_DOWN_MINUTES, "value", text),
                    "expected a whole number 0.." + MAX_DOWN_MINUTES + " (0: not told), was '" + text + "'");
        }
        if (down < 0 || down > MAX_DOWN_MINUTES) {
            throw new InvalidField("downMinutes", Rule.OUT_OF_RANGE, Map.of("min", 0, "max", MAX_DOWN_MINUTES, "value", text),
                    "expected a whole number 0.." + MAX_DOWN_MINUTES + " (0: not told), was '" + text + "'");
        }
        return down;
    }

    private static String required(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidField(field, Rule.REQUIRED, Map.of(), "is required");
        }
        return text.strip();
    }

    private static <E extends Enum<E>> E choice(String text, String field, Class<E> type, E fallback) {
        if (text == null && fallback != null) {
            return fallback;
        }
        List<String> known = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        for (E e : type.getEnumConstants()) {
            if (text != null && e.name().equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        throw new InvalidField(field, text == null ? Rule.REQUIRED : Rule.ONE_OF,
                text == null ? Map.of("allowed", known) : Map.of("allowed", known, "value", text),
                "expected " + String.join(" or ", known) + (text == null ? "" : ", was '" + text + "'"));
    }
}
