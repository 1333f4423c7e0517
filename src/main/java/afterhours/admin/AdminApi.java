package afterhours.admin;

import afterhours.users.Principal;
import afterhours.users.Role;
import afterhours.validation.Choice;
import afterhours.validation.Dates;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import afterhours.validation.WholeNumber;
import afterhours.validation.Years;
import java.time.Duration;


import static afterhours.admin.Access.ADMIN;
import static afterhours.admin.Access.CONTRACTOR;
import static afterhours.admin.Access.RECEPTION;
import static afterhours.admin.Access.VIEWER;

import afterhours.audit.AuditLog;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallRoute;
import afterhours.calllog.CallStore;
import afterhours.calllog.CsvExport;
import afterhours.report.DayStrip;
import afterhours.report.StateView;
import afterhours.json.Json;
import afterhours.line.HoursText;
import afterhours.line.Line;
import afterhours.line.OverrideText;
import afterhours.line.LineSetup;
import afterhours.schedule.LineState;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.switching.SwitchStore;
import afterhours.switching.Switchboard;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The routes of {@code /api/v1}: each handler reads its input, asks the service or a store, answers JSON. */
final class AdminApi {
    private final AdminService service;
    private final Switchboard switchboard;
    private final CallStore calls;
    private final SwitchStore switches;
    private final AuditLog audit;
    private final Clock clock;
    private final Supplier<Map<String, Object>> pbx;

    AdminApi(AdminService service, Switchboard switchboard, CallStore calls, SwitchStore switches, AuditLog audit,
             Clock clock, Supplier<Map<String, Object>> pbx) {
        this.service = service;
        this.switchboard = switchboard;
        this.calls = calls;
        this.switches = switches;
        this.audit = audit;
        this.clock = clock;
        this.pbx = pbx;
    }

    void routes(Javalin app) {
        String line = "/api/v1/lines/{line}";
        app.get("/api/v1/status", this::status, ADMIN, VIEWER, CONTRACTOR, RECEPTION);
        app.get("/api/v1/lines", ctx -> ctx.json(switchboard.lines().stream().map(l -> lineView(l.line())).toList()), ADMIN, VIEWER);
        app.get(line, ctx -> ctx.json(lineView(service.setup(ctx.pathParam("line")).line())), ADMIN, VIEWER);
        app.patch(line, ctx -> ctx.json(lineView(service.updateLine(who(ctx), ctx.pathParam("line"), body(ctx)))), ADMIN);
        app.get(line + "/hours", ctx -> ctx.json(HoursView.of(service.setup(ctx.pathParam("line")).weekly())), ADMIN, VIEWER);
        app.put(line + "/hours", ctx -> {
            AdminService.SavedWeek saved = service.replaceHours(who(ctx), ctx.pathParam("line"), body(ctx));
            Map<String, Object> out = new LinkedHashMap<>(HoursView.of(saved.weekly()));
            out.put("overnight", saved.overnight().stream().map(HoursText.Overnight::view).toList());
            ctx.json(out);
        }, ADMIN);
        app.get(line + "/exceptions", ctx -> ctx.json(service.setup(ctx.pathParam("line")).exceptions().stream()
                .map(ExceptionView::of).toList()), ADMIN, VIEWER);
        app.post(line + "/exceptions", ctx -> {
            AdminService.AddedException added = service.addException(who(ctx), ctx.pathParam("line"), body(ctx));
            Map<String, Object> out = new LinkedHashMap<>(ExceptionView.of(added.exception()));
            out.put("overnight", added.overnight().stream().map(HoursText.Overnight::view).toList());
            ctx.status(201).json(out);
        }, ADMIN);
        app.delete(line + "/exceptions/{id}", ctx -> {
            service.removeException(who(ctx), ctx.pathParam("line"), longParam(ctx.pathParam("id"), "id"));
            ctx.status(204);
        }, ADMIN);
        app.get(line + "/holidays", this::holidays, ADMIN, VIEWER);
        app.put(line + "/override", ctx -> {
            AdminService.SetOverride set = service.setOverride(who(ctx), ctx.pathParam("line"), body(ctx));
            ctx.json(OverrideView.of(set.override(), set.effect(), service.setup(ctx.pathParam("line")).line().zone()));
        }, ADMIN);
        app.get(line + "/override/effect", ctx -> {
            ZoneId zone = service.setup(ctx.pathParam("line")).line().zone();
            String until = ctx.queryParam("until");
            ctx.json(OverrideView.effect(service.overrideEffect(who(ctx), ctx.pathParam("line"), ctx.queryParam("mode"), until),
                    until == null || until.strip().equalsIgnoreCase(OverrideText.NEXT_CHANGE), zone));
        }, ADMIN, VIEWER);
        app.delete(line + "/override", ctx -> {
            service.clearOverride(who(ctx), ctx.pathParam("line"));
            ctx.status(204);
        }, ADMIN);
        app.get(line + "/preview", this::preview, ADMIN, VIEWER, CONTRACTOR, RECEPTION);
        app.get(line + "/days", ctx -> {
            LineSetup setup = service.setup(ctx.pathParam("line"));
            LocalDate first = ctx.queryParam("from") == null ? LocalDate.ofInstant(clock.instant(), setup.line().zone())
                    : Dates.date(ctx.queryParam("from"), "from");
            ctx.json(DayStrip.of(setup, setup.schedule(), first, intParam(ctx, "days", 14, 1, DayStrip.MAX_DAYS)));
        }, ADMIN, VIEWER, CONTRACTOR, RECEPTION);
        app.get(line + "/calendar.ics", ctx -> {
            LineSetup setup = service.setup(ctx.pathParam("line"));
            int weeks = intParam(ctx, "weeks", 8, 1, 52);
            ctx.contentType("text/calendar; charset=utf-8");
            ctx.result(CalendarFeed.of(setup.line(), setup.schedule(), clock.instant(), Duration.ofDays(7L * weeks)));
        }, ADMIN, VIEWER, CONTRACTOR, RECEPTION);
        app.get(line + "/calls", this::callPage, ADMIN, VIEWER);
        app.get(line + "/calls.csv", this::callCsv, ADMIN, VIEWER);
        app.get(line + "/stats", ctx -> {
            Line l = service.setup(ctx.pathParam("line")).line();
            CallFilter filter = filter(ctx, l);
            personalDataRead(ctx, "calls-counted", l, filter, null);
            ctx.json(calls.stats(filter, l.zone()));
        }, ADMIN, VIEWER);
        app.get(line + "/switches", ctx -> {
            Line l = service.setup(ctx.pathParam("line")).line();
            ctx.json(switches.recent(l.id(), intParam(ctx, "limit", 50, 1, 1000)).stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("effectiveAt", StateView.iso(s.effectiveAt(), l.zone()));
                m.put("appliedAt", StateView.iso(s.appliedAt(), l.zone()));
                m.put("from", s.from());
                m.put("to", s.to());
                m.put("reason", s.reason());
                m.put("detail", s.detail());
                m.put("why", s.why() == null ? null : s.why().view(l.zone()));
                m.put("trigger", s.trigger());
                return m;
            }).toList());
        }, ADMIN, VIEWER);
        app.get("/api/v1/audit", ctx -> ctx.json(auditEntries(ctx).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at().toString());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("line", e.lineId());
            m.put("before", readJson(e.before()));
            m.put("after", readJson(e.after()));
            return m;
        }).toList()), ADMIN, VIEWER);
    }

    /** {@code ?kind=changes} or {@code ?kind=reads} (of personal data); without it, both. */
    private List<AuditLog.Entry> auditEntries(Context ctx) {
        int limit = intParam(ctx, "limit", 50, 1, 1000);
        String kind = ctx.queryParam("kind");
        if (kind == null) {
            return audit.recent(limit);
        }
        return audit.recent(limit, Choice.of(List.of("changes", "reads"), kind, "kind").equals("reads"));
    }

    private void status(Context ctx) {
        // ?line=ID: that line alone (the page's redraw of one line of a switchboard of hundreds); an unknown id is a 404
        String only = ctx.queryParam("line");
        if (only != null) {
            service.setup(only);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lines", switchboard.lines().stream().filter(live -> only == null || live.line().id().equals(only)).map(live -> {
            LineState state = live.schedule().stateAt(clock.instant());
            Map<String, Object> m = new LinkedHashMap<>(Json.MAPPER.convertValue(StateView.of(live.line(), state), Map.class));
            m.put("name", live.line().name());
            ManualOverride o = live.setup().override();
            m.put("override", o == null ? null : OverrideView.of(o, live.schedule().effectOf(o, clock.instant()),
                    live.line().zone()));
            return m;
        }).toList());
        Role role = who(ctx).role();
        if (role == Role.ADMIN || role == Role.VIEWER) {   // the contractor's and the reception's desks have no business with the PBX's insides
            out.put("pbx", pbx.get());
        }
        ctx.json(out);
    }

    private void holidays(Context ctx) {
        LineSetup setup = service.setup(ctx.pathParam("line"));
        int year = intParam(ctx, "year", LocalDate.ofInstant(clock.instant(), setup.line().zone()).getYear(), Years.FIRST,
                Years.LAST);
        ctx.json(setup.schedule().holidays().inYear(year).stream()
                .map(h -> Map.of("date", h.date().toString(), "key", h.key(), "name", h.name())).toList());
    }

    private void preview(Context ctx) {
        LineSetup setup = service.setup(ctx.pathParam("line"));
        int count = intParam(ctx, "count", 10, 1, 200);
        Instant from = ctx.queryParam("from") == null ? clock.instant() : Dates.instant(ctx.queryParam("from"), setup.line().zone(), "from");
        ctx.json(setup.schedule().changesAfter(from, count).stream().map(s -> StateView.of(setup.line(), s)).toList());
    }

    private void callPage(Context ctx) {
        Line l = service.setup(ctx.pathParam("line")).line();
        int limit = intParam(ctx, "limit", 50, 1, 500);
        CallFilter filter = filter(ctx, l);
        var page = calls.page(filter, ctx.queryParam("cursor"), limit);
        int mask = intParam(ctx, "mask", 0, 0, 20);
        personalDataRead(ctx, "calls-listed", l, filter, mask);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("calls", page.calls().stream().map(c -> afterhours.report.CallView.of(c, l.zone(), mask)).toList());
        out.put("next", page.next());
        ctx.json(out);
    }

    private void callCsv(Context ctx) throws Exception {
        Line l = service.setup(ctx.pathParam("line")).line();
        CallFilter filter = filter(ctx, l);
        int mask = intParam(ctx, "mask", 0, 0, 20);
        personalDataRead(ctx, "calls-exported", l, filter, mask);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"calls-" + l.id() + ".csv\"");
        Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
        CsvExport csv = new CsvExport(out, l.zone(), mask);
        csv.header();
        calls.stream(filter, csv::row);
        out.flush();
    }

    /**
     * Caller numbers are personal data (a police and victim-support reception): who read the calls of which line
     * and period, listed, exported or counted, is audited with the filters that shape what was read (mode, route,
     * answered, the masking) as the filter understood them, and whether a caller filter was used, never the
     * number searched for (the trail is read by every viewer) and nothing else a client put in the query.
     */
    private void personalDataRead(Context ctx, String action, Line line, CallFilter filter, Integer mask) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("from", StateView.iso(filter.from(), line.zone()));
        what.put("to", StateView.iso(filter.to(), line.zone()));
        if (filter.mode() != null) {
            what.put("mode", filter.mode().name());
        }
        if (filter.route() != null) {
            what.put("route", filter.route());
        }
        if (filter.answered() != null) {
            what.put("answered", filter.answered() ? "yes" : "no");
        }
        what.put("caller", filter.caller() != null);
        if (mask != null) {
            what.put("mask", mask);
        }
        audit.recordRead(clock.instant(), who(ctx).name(), action, line.id(), what);
    }

    /** The call filter from query parameters; dates are days in the line's zone, {@code to} included. */
    private static CallFilter filter(Context ctx, Line line) {
        ZoneId zone = line.zone();
        LocalDate first = ctx.queryParam("from") == null ? null : Dates.date(ctx.queryParam("from"), "from");
        LocalDate last = ctx.queryParam("to") == null ? null : Dates.date(ctx.queryParam("to"), "to");
        if (first != null && last != null && last.isBefore(first)) {
            throw new InvalidField("to", Rule.DATES_REVERSED, Map.of("from", first.toString(), "to", last.toString()),
                    "is before from");
        }
        Mode mode = ctx.queryParam("mode") == null ? null : Choice.of(Mode.class, ctx.queryParam("mode"), "mode");
        CallRoute route = ctx.queryParam("route") == null ? null
                : Choice.of(CallRoute.values(), CallRoute::key, ctx.queryParam("route"), "route");
        String answered = ctx.queryParam("answered") == null ? null
                : Choice.of(List.of("yes", "no"), ctx.queryParam("answered"), "answered");
        return new CallFilter(line.id(), first == null ? null : first.atStartOfDay(zone).toInstant(),
                last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant(), mode, route,
                answered == null ? null : answered.equals("yes"), ctx.queryParam("caller"));
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        return WholeNumber.parse(ctx.queryParam(name), fallback, min, max, name);
    }

    static long longParam(String text, String name) {
        return WholeNumber.parse(text, 1L, Long.MAX_VALUE, name);
    }

    static Principal who(Context ctx) {
        return ctx.attribute(AdminServer.PRINCIPAL);
    }

    private static JsonNode body(Context ctx) {
        return JsonBody.object(ctx);
    }

    private static Object readJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private Map<String, Object> lineView(Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("name", l.name());
        m.put("numbers", l.numbers());
        m.put("zone", l.zone().getId());
        m.put("office", l.officeDial());
        m.put("contractor", l.contractorDial());
        m.put("failsafe", l.failsafeDial());
        m.put("ringSeconds", l.ringSeconds());
        m.put("callerIdPrefix", l.callerIdPrefix());
        m.put("missedAfterSeconds", l.missedAfterSeconds());
        m.put("holidays", Map.of("calendar", l.holidays().none() ? "none" : l.holidays().country(),
                "ignore", l.holidays().ignore().stream().sorted().toList(), "language", l.holidays().language()));
        return m;
    }


}
