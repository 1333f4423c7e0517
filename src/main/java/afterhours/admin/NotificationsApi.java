package afterhours.admin;

import static afterhours.admin.Access.ADMIN;
import static afterhours.admin.Access.VIEWER;

import afterhours.audit.AuditLog;
import afterhours.json.Binding;
import afterhours.line.LineSetup;
import afterhours.notify.Notice;
import afterhours.notify.Outbox;
import afterhours.notify.Recipient;
import afterhours.notify.RecipientRules;
import afterhours.notify.RecipientStore;
import afterhours.notify.WebhookSecrets;
import afterhours.report.StateView;
import afterhours.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Who is told of a line's changes: recipients (e-mail or webhook) added, listed without their secrets,
 * removed and sent a test message; and the delivery log.
 */
final class NotificationsApi {
    /** {@code {"name","channel","address","secret","language","events","downMinutes"}}. */
    record RecipientChange(String name, String channel, String address, String secret, String language, String events,
                           String downMinutes) { }

    private final AdminService service;
    private final Database db;
    private final RecipientStore recipients;
    private final RecipientRules rules;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    NotificationsApi(AdminService service, Database db, RecipientStore recipients, RecipientRules rules, Outbox outbox,
                     AuditLog audit, Clock clock) {
        this.service = service;
        this.db = db;
        this.recipients = recipients;
        this.rules = rules;
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
            boolean admin = AdminApi.who(ctx).role() == afterhours.users.Role.ADMIN;
            ctx.json(outbox.recent(setup.line().id(), limit).stream().map(d -> delivery(d, setup.line().zone(), admin)).toList());
        }, ADMIN, VIEWER);
    }

    private Recipient add(Context ctx) {
        LineSetup setup = service.setup(ctx.pathParam("line"));
        JsonNode body = JsonBody.object(ctx);
        RecipientChange n = Binding.json(body, RecipientChange.class, "");
        Recipient r = rules.check(setup.line().id(), new RecipientRules.Draft(n.name(), n.channel(), n.address(), n.secret(),
                n.language(), n.events(), n.downMinutes()), recipients.ofLine(setup.line().id()).size(), clock.instant());
        return db.write("adding a recipient to " + setup.line().id(), c -> {
            Recipient added = recipients.add(c, r);
            // the trail as a viewer may read it: a webhook's URL up to its host
            audit.record(c, clock.instant(), AdminApi.who(ctx).name(), "recipient-added", setup.line().id(), null,
                    viewerView(added));
            return added;
        });
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
            audit.record(c, clock.instant(), AdminApi.who(ctx).name(), "recipient-removed", setup.line().id(),
                    viewerView(existing), null);
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

    /** A recipient as the API shows it: never its secret, only whether one is set and where it comes from. */
    static Map<String, Object> view(Recipient r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("channel", r.channel().key());
        m.put("address", r.address());
        m.put("secret", WebhookSecrets.shown(r.secret()));
        m.put("language", r.language().getLanguage());
        m.put("events", r.events().key());
        m.put("downMinutes", r.downMinutes());
        return m;
    }

    /**
     * As a viewer sees it, and as the audit trail keeps it: a webhook's URL only up to its host, since many
     * receivers carry their key in the path or query (a viewer may read the setup, not call the contractor's alarm system).
     */
    static Map<String, Object> viewerView(Recipient r) {
        Map<String, Object> m = view(r);
        m.put("address", RecipientRules.shownAddress(r));
        return m;
    }

    /**
     * One message of the delivery log. Its last error only for admins: told apart, "refused", "timed out" and an
     * HTTP status map which ports of a host answer, which is for whoever sets the recipients up.
     */
    private static Map<String, Object> delivery(Outbox.Delivery d, ZoneId zone, boolean admin) {
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
        m.put("lastError", admin ? d.lastError() : null);
        return m;
    }
}
