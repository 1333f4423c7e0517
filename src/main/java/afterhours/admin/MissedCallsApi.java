package afterhours.admin;

import static afterhours.admin.Access.ADMIN;
import static afterhours.admin.Access.RECEPTION;
import static afterhours.admin.Access.VIEWER;

import afterhours.audit.AuditLog;
import afterhours.calllog.CallBack;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CsvExport;
import afterhours.calllog.MissedCallEntry;
import afterhours.calllog.MissedCallStore;
import afterhours.json.Binding;
import afterhours.line.Line;
import afterhours.report.StateView;
import afterhours.store.Database;
import afterhours.validation.Dates;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The call-back list: a line's missed calls of the last {@value MissedCallStore#LIST_DAYS} days, newest first,
 * with how many still wait and since when the oldest does; marking one as called back (who, when, a note) or
 * as no need, and clearing a mark. Reading is audited like every read of caller numbers, marking like every
 * change, with the caller's number masked in the audit trail.
 */
final class MissedCallsApi {
    /** Digits of the caller's number hidden in the audit trail. */
    static final int AUDIT_MASK = 4;

    private final AdminService service;
    private final Database db;
    private final MissedCallStore missed;
    private final AuditLog audit;
    private final Clock clock;

    MissedCallsApi(AdminService service, Database db, MissedCallStore missed, AuditLog audit, Clock clock) {
        this.service = service;
        this.db = db;
        this.missed = missed;
        this.audit = audit;
        this.clock = clock;
    }

    void routes(Javalin app) {
        String list = "/api/v1/lines/{line}/missed";
        app.get(list, this::list, ADMIN, VIEWER, RECEPTION);
        app.put(list + "/{call}", ctx -> ctx.json(mark(ctx)), ADMIN, RECEPTION);
        app.delete(list + "/{call}", ctx -> {
            clear(ctx);
            ctx.status(204);
        }, ADMIN, RECEPTION);
    }

    private void list(Context ctx) {
        Line line = service.setup(ctx.pathParam("line")).line();
        int limit = AdminApi.intParam(ctx, "limit", 100, 1, 500);
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofDays(MissedCallStore.LIST_DAYS));
        MissedCallStore.Page page = missed.list(line.id(), from, ctx.queryParam("cursor"), limit);
        MissedCallStore.Summary summary = missed.summary(line.id(), from);
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("from", StateView.iso(from, line.zone()));
        what.put("days", MissedCallStore.LIST_DAYS);
        audit.recordRead(now, AdminApi.who(ctx).name(), "missed-listed", line.id(), what);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("line", line.id());
        out.put("days", MissedCallStore.LIST_DAYS);
        out.put("from", StateView.iso(from, line.zone()));
        out.put("total", summary.total());
        out.put("waiting", summary.waiting());
        out.put("oldestWaitingSince", StateView.iso(summary.oldestWaiting(), line.zone()));
        out.put("oldestWaitingSeconds", summary.oldestWaiting() == null ? null
                : Math.max(0, Duration.between(summary.oldestWaiting(), now).toSeconds()));
        out.put("calls", page.calls().stream().map(e -> view(e, line.zone())).toList());
        out.put("next", page.next());
        ctx.json(out);
    }

    /** {@code PUT …/missed/{call}}: {@code {"outcome": "called-back" | "no-need", "at": when (optional), "note": "..."}}. */
    record CallBackRequest(String outcome, String at, String note) { }

    private Map<String, Object> mark(Context ctx) {
        Line line = service.setup(ctx.pathParam("line")).line();
        MissedCallEntry entry = entry(ctx, line);
        CallBackRequest request = Binding.json(JsonBody.object(ctx), CallBackRequest.class, "");
        Instant now = clock.instant();
        CallRecord call = entry.call();
        CallBack callBack = CallBack.checked(request.outcome(),
                request.at() == null ? null : Dates.instant(request.at(), line.zone(), "at"), request.note(),
                AdminApi.who(ctx).name(), now, call.endedAt() == null ? call.startedAt() : call.endedAt(), line.zone());
        db.write("marking missed call " + entry.linkedId(), c -> {
            missed.mark(c, line.id(), entry.linkedId(), callBack);
            audit.record(c, now, AdminApi.who(ctx).name(), "missed-marked", line.id(), auditView(entry, entry.callBack(), line.zone()),
                    auditView(entry, callBack, line.zone()));
            return null;
        });
        return view(new MissedCallEntry(entry.call(), entry.why(), entry.source(), entry.recordedAt(), entry.toldAt(), callBack,
                entry.answeredLaterAt()), line.zone());
    }

    private void clear(Context ctx) {
        Line line = service.setup(ctx.pathParam("line")).line();
        MissedCallEntry entry = entry(ctx, line);
        if (entry.callBack() == null) {
            throw ApiError.notFound("missed call " + entry.linkedId() + " has no call-back mark to clear");
        }
        db.write("clearing the mark of missed call " + entry.linkedId(), c -> {
            missed.mark(c, line.id(), entry.linkedId(), null);
            audit.record(c, clock.instant(), AdminApi.who(ctx).name(), "missed-unmarked", line.id(),
                    auditView(entry, entry.callBack(), line.zone()), null);
            return null;
        });
    }

    /** The missed call {@code {call}} of the line, or 404. */
    private MissedCallEntry entry(Context ctx, Line line) {
        String id = ctx.pathParam("call");
        return missed.find(line.id(), id).orElseThrow(() -> ApiError.notFound("line " + line.id() + " has no missed call '"
                + id + "'"));
    }

    /** An entry as the list shows it: the caller's number in full (it is there to be called back). */
    static Map<String, Object> view(MissedCallEntry e, ZoneId zone) {
        CallRecord c = e.call();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", c.linkedId());
        m.put("startedAt", StateView.iso(c.startedAt(), zone));
        m.put("endedAt", StateView.iso(c.endedAt(), zone));
        m.put("callerNumber", c.callerNumber());
        m.put("callerName", c.callerName());
        m.put("mode", c.mode());
        m.put("route", c.route());
        m.put("ringSeconds", c.ringSeconds());
        m.put("why", e.why().key());
        m.put("source", e.source().key());
        m.put("tried", c.attempts().stream().map(a -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", a.target());
            t.put("status", a.status() == null ? "CANCEL" : a.status());
            return t;
        }).toList());
        m.put("state", e.state().key());
        m.put("callBack", callBack(e.callBack(), zone));
        m.put("answeredLaterAt", StateView.iso(e.answeredLaterAt(), zone));
        m.put("toldAt", StateView.iso(e.toldAt(), zone));
        return m;
    }

    private static Map<String, Object> callBack(CallBack b, ZoneId zone) {
        if (b == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", b.outcome().key());
        m.put("at", StateView.iso(b.at(), zone));
        m.put("by", b.by());
        m.put("markedAt", StateView.iso(b.markedAt(), zone));
        m.put("note", b.note());
        return m;
    }

    /** The mark as the audit trail keeps it: which call (its number masked), the outcome, when, the note. */
    private static Map<String, Object> auditView(MissedCallEntry e, CallBack b, ZoneId zone) {
        if (b == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", e.linkedId());
        m.put("startedAt", StateView.iso(e.call().startedAt(), zone));
        m.put("callerNumber", CsvExport.mask(e.call().callerNumber(), AUDIT_MASK));
        m.putAll(callBack(b, zone));
        // the trail holds no caller number: one written into the note is masked there too
        m.put("note", afterhours.calllog.CallerNumber.maskNumbersIn(b.note()));
        return m;
    }
}
