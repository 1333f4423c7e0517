package afterhours.admin;

import static afterhours.admin.Access.ADMIN;
import static afterhours.admin.Access.VIEWER;

import afterhours.audit.AuditLog;
import afterhours.json.Binding;
import afterhours.line.LineSetup;
import afterhours.notify.Notice;
import afterhours.notify.Outbox;
import afterhours.notify.Recipient;
import afterhours.notify.RecipientStore;
import afterhours.report.StateView;
import afterhours.store.Database;
import afterhours.validation.FreeText;
import afterhours.validation.Choice;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import afterhours.validation.WholeNumber;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is told of a line's changes: recipients (e-mail or webhook) added, listed without their secrets,
 * removed and sent a test message; and the delivery log.
 */
final class NotificationsApi {
    static final int MAX_RECIPIENTS = 20;
    static final int MAX_ADDRESS = 2000;
    static final int MIN_SECRET = 16;
    static final int MAX_DOWN_MINUTES = 1440;
    static final int DEFAULT_DOWN_MINUTES = 10;
    /** What to configure for e-mail. */
    static final List<String> SMTP_KEYS = List.of("notifications.smtp.host", "notifications.smtp.from");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,99}");

    /** {@code {"name","channel","address","secret","language","events","downMinutes","numbers"}}; events a list or one word. */
    record RecipientChange(String name, String channel, String address, String secret, String language,
                           List<String> events, String downMinutes, String numbers) { }

    private final AdminService service;
    private final Database db;
    private final RecipientStore recipients;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final boolean mailConfigured;

    /** @param mailConfigured whether a mail server is configured ({@code notifications.smtp}): e-mail needs one */
    NotificationsApi(AdminService service, Database db, RecipientStore recipients, Outbox outbox, AuditLog audit, Clock clock,
                     boolean mailConfigured) {
        this.mailConfigured = mailConfigured;
        this.service = service;
        this.db = db;
        this.recipients = recipients;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    void routes(Javalin app) {
        String line = "/api/v1/lines/{line}";
        app.get(line + "/recipients", ctx -> {
            boolean admin = AdminApi.who(ctx).role() == afterhours.users.Role.ADMIN;
            ctx.json(recipients.ofLine(service.setup(ctx.pathParam("line")).line().id()).stream()
                    .map(r -> admin ? view(r) : viewerView(r)).toList());
        }, ADMIN, VIEWER);
        app.post(line + "/recipients", ctx -> ctx.status(201).json(view(add(ctx))), ADMIN);
        app.delete(line + "/recipients/{id}", ctx -> {
            remove(ctx);
            ctx.status(204);
        }, ADMIN);
        app.post(line + "/recipients/{id}/test", ctx -> ctx.status(202).json(Map.of("deliveryId", test(ctx))), ADMIN);
        app.get(line + "/deliveries", ctx -> {
            LineSetup setup = service.setup(ctx.pathParam("line"));
            int limit = AdminApi.intParam(ctx, "limit", 50, 1, 500);
            ctx.json(outbox.recent(setup.line().id(), limit).stream().map(d -> delivery(d, setup.line().zone())).toList());
        }, ADMIN, VIEWER);
    }

    private Recipient add(Context ctx) {
        LineSetup setup = service.setup(ctx.pathParam("line"));
        JsonNode body = JsonBody.object(ctx);
        Recipient r = check(Binding.json(body, RecipientChange.class, ""), setup.line().id());
        if (recipients.ofLine(setup.line().id()).size() >= MAX_RECIPIENTS) {
            throw new InvalidField("", Rule.TOO_MANY, Map.of("max", MAX_RECIPIENTS),
                    "a line has at most " + MAX_RECIPIENTS + " recipients");
        }
        Recipient stored = db.write("adding a recipient to " + setup.line().id(), c -> {
            Recipient added = recipients.add(c, r);
            audit.record(c, clock.instant(), AdminApi.who(ctx).name(), "recipient-added", setup.line().id(), null, view(added));
            return added;
        });
        return stored;
    }

    /** The recipient {@code {id}} of the line {@code {line}}, or 404. */
    private Recipient recipient(Context ctx, LineSetup setup) {
        long id = AdminApi.longParam(ctx.pathParam("id"), "id");
        return recipients.find(id).filter(r -> r.lineId().equals(setup.line().id()))
                .orElseThrow(() -> ApiError.notFound("line " + setup.line().id() + " has no recipient " + id));
    }

    private void remove(Context ctx) {
        LineSetup setup = service.setup(ctx.pathParam("line"));
        Recipient existing = recipient(ctx, setup);
        db.write("removing a recipient of " + setup.line().id(), c -> {
            recipients.remove(c, setup.line().id(), existing.id());
            audit.record(c, clock.instant(), AdminApi.who(ctx).name(), "recipient-removed", setup.line().id(), view(existing), null);
            return null;
        });
    }

    private String test(Context ctx) {
        LineSetup setup = service.setup(ctx.pathParam("line"));
        Recipient r = recipient(ctx, setup);
        String deliveryId = db.write("a test message to recipient " + r.id(),
                c -> outbox.enqueueFor(c, r, Notice.test(setup, clock.instant(), AdminApi.who(ctx).name())));
        outbox.enqueued();
        return deliveryId;
    }

    /** The recipient as given, checked field by field; nothing is stored before every field passed. */
    private Recipient check(RecipientChange n, String lineId) {
        String name = FreeText.check(FreeText.required(n.name(), "name"), "name");
        Recipient.Channel channel = Choice.of(Recipient.Channel.values(), Recipient.Channel::key, n.channel(), "channel");
        String address = FreeText.atMost(FreeText.required(n.address(), "address"), MAX_ADDRESS, "address");
        String secret = n.secret() == null || n.secret().isBlank() ? null : n.secret().strip();
        if (channel == Recipient.Channel.EMAIL) {
            email(address);
            if (secret != null) {
                throw new InvalidField("secret", Rule.SECRET_NOT_ALLOWED, "only a webhook has a secret");
            }
        } else {
            webhook(address);
            secret(secret);
        }
        String language = n.language() == null || n.language().isBlank() ? "sv"
                : Choice.of(List.of("sv", "en"), n.language(), "language");
        Set<Recipient.Event> events = Recipient.Event.parse(n.events(), "events");
        Recipient.Numbers numbers = Recipient.Numbers.parse(n.numbers(), "numbers");
        // left out or empty: the default, never 0 (0 is a choice: not told of outages)
        int down = n.downMinutes() == null || n.downMinutes().isBlank() ? DEFAULT_DOWN_MINUTES
                : WholeNumber.parse(n.downMinutes(), 0, MAX_DOWN_MINUTES, "downMinutes");
        if (channel == Recipient.Channel.EMAIL && !mailConfigured) {
            throw new InvalidField("channel", Rule.SMTP_MISSING, Map.of("keys", SMTP_KEYS),
                    "no mail server is configured, so e-mail cannot be sent: set notifications.smtp.host and"
                            + " notifications.smtp.from in the configuration file and restart, or use a webhook");
        }
        return new Recipient(0, lineId, name, channel, address, secret, Locale.forLanguageTag(language), events, down,
                Instant.now(clock), numbers);
    }

    private static void email(String address) {
        try {
            InternetAddress a = new InternetAddress(address, true);
            if (!a.getAddress().contains("@") || a.getPersonal() != null) {
                throw new AddressException("no @");
            }
        } catch (AddressException e) {
            throw new InvalidField("address", Rule.EMAIL_ADDRESS, Map.of("value", address),
                    "expected one e-mail address like desk@contractor.example, was '" + address + "'");
        }
    }

    private static void webhook(String address) {
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("https") && !scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null) {
                throw new URISyntaxException(address, "not http(s) with a host");
            }
        } catch (URISyntaxException e) {
            throw new InvalidField("address", Rule.WEBHOOK_URL, Map.of("value", address),
                    "expected an https:// (or http://) URL with a host and no user, was '" + address + "'");
        }
    }

    private static void secret(String secret) {
        if (secret == null) {
            throw new InvalidField("secret", Rule.REQUIRED, "a webhook needs a shared secret (at least " + MIN_SECRET
                    + " characters, or env:NAME to read it from the environment)");
        }
        if (secret.startsWith(Recipient.ENV)) {
            String name = secret.substring(Recipient.ENV.length());
            if (!ENV_NAME.matcher(name).matches()) {
                throw new InvalidField("secret", Rule.ENV_NAME, Map.of("value", name),
                        "env: must be followed by an environment variable's name (A-Z, 0-9, _)");
            }
        } else if (secret.length() < MIN_SECRET) {
            throw new InvalidField("secret", Rule.TOO_SHORT, Map.of("min", MIN_SECRET, "length", secret.length()),
                    "at least " + MIN_SECRET + " characters, was " + secret.length());
        } else {
            FreeText.check(secret, "secret");
        }
    }

    /** A recipient as the API shows it: never its secret, only whether one is set and where it comes from. */
    static Map<String, Object> view(Recipient r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("channel", r.channel().key());
        m.put("address", r.address());
        m.put("secret", r.secret() == null ? null : r.secret().startsWith(Recipient.ENV) ? r.secret() : "set");
        m.put("language", r.language().getLanguage());
        m.put("events", r.events().stream().map(Recipient.Event::key).toList());
        m.put("numbers", r.numbers().key());
        m.put("downMinutes", r.downMinutes());
        return m;
    }

    /**
     * As a viewer sees it: a webhook's URL only up to its host, since many receivers carry their key in the
     * path or query (a viewer may read the setup, not call the contractor's alarm system).
     */
    static Map<String, Object> viewerView(Recipient r) {
        Map<String, Object> m = view(r);
        if (r.channel() == Recipient.Channel.WEBHOOK) {
            URI uri = URI.create(r.address());
            m.put("address", uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…");
        }
        return m;
    }

    private static Map<String, Object> delivery(Outbox.Delivery d, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deliveryId", d.deliveryId());
        m.put("recipient", d.recipientId());
        m.put("event", d.event());
        m.put("subject", d.subject());
        m.put("status", d.status() == Outbox.Status.PENDING && d.attempts() > 0 ? "retrying" : d.status().name().toLowerCase(Locale.ROOT));
        m.put("attempts", d.attempts());
        m.put("createdAt", StateView.iso(d.createdAt(), zone));
        m.put("nextAttemptAt", d.status() == Outbox.Status.PENDING ? StateView.iso(d.nextAttemptAt(), zone) : null);
        m.put("sentAt", StateView.iso(d.sentAt(), zone));
        m.put("lastError", d.lastError());
        return m;
    }
}
