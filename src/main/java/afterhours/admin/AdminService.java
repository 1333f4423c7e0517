package afterhours.admin;

import afterhours.audit.AuditLog;
import afterhours.json.Binding;
import afterhours.json.Json;
import afterhours.line.HoursStore.StoredException;
import afterhours.line.HoursText;
import afterhours.line.OverrideText;
import afterhours.line.Line;
import afterhours.line.LineRepository;
import afterhours.line.LineSetup;
import afterhours.notify.Notice;
import afterhours.notify.Outbox;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.schedule.OverrideEffect;
import afterhours.schedule.TimeRange;
import afterhours.schedule.WeeklyHours;
import afterhours.store.Database;
import afterhours.switching.Switchboard;
import afterhours.switching.Trigger;
import afterhours.users.Principal;
import afterhours.validation.Choice;
import afterhours.validation.Dates;
import afterhours.validation.Fields;
import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admin's changes: each is validated completely first, then written with its audit entry in one
 * transaction, then applied at once (the line's schedule recompiled, its trigger moved, the PBX told).
 * Invalid input throws {@link ApiError} before anything is written.
 */
public final class AdminService {
    private final Database db;
    private final LineRepository repository;
    private final AuditLog audit;
    private final Switchboard switchboard;
    private final Clock clock;
    private final Outbox outbox;

    public AdminService(Database db, LineRepository repository, AuditLog audit, Switchboard switchboard, Clock clock,
                        Outbox outbox) {
        this.outbox = outbox;
        this.db = db;
        this.repository = repository;
        this.audit = audit;
        this.switchboard = switchboard;
        this.clock = clock;
    }

    public LineSetup setup(String lineId) {
        return repository.load(lineId).orElseThrow(() -> ApiError.notFound("no line '" + lineId + "'"));
    }

    /** Changes a line's settings; fields not in the body keep their value. */
    public Line updateLine(Principal who, String lineId, JsonNode body) {
        Line before = setup(lineId).line();
        Line after = fields(() -> Binding.json(body, Requests.LineChange.class, "").text().change(before, ""));
        List<String> numbers = after.numbers();
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            String field = Fields.index("numbers", i);
            switchboard.lineForNumber(number).filter(other -> !other.line().id().equals(lineId)).ifPresent(other -> {
                throw ApiError.invalid(new InvalidField(field, Rule.NUMBER_TAKEN, Map.of("value", number,
                        "line", other.line().id()), "number " + number + " belongs to line " + other.line().id()));
            });
        }
        change(who, "line-updated", lineId, before, after, Trigger.EDIT, c -> repository.lines().update(c, after, clock.instant()));
        return after;
    }

    /** A week saved, and its ranges that run into the next day. */
    record SavedWeek(WeeklyHours weekly, List<HoursText.Overnight> overnight) { }

    /**
     * Replaces the whole week. A range that runs into the next day and is not already in the week on that day
     * needs {@code "confirm": true}: without it, 409 {@code range_reversed} and nothing changes.
     */
    public SavedWeek replaceHours(Principal who, String lineId, JsonNode body) {
        LineSetup before = setup(lineId);
        Requests.Week request = fields(() -> Binding.json(body, Requests.Week.class, ""));
        HoursText.Week week = fields(() -> HoursText.week(request.days(), ""));
        List<HoursText.Overnight> fresh = week.overnight().stream()
                .filter(o -> !before.weekly().on(o.day()).contains(o.range())).toList();
        confirmOvernight(fresh, week.overnight(), request.confirm());
        WeeklyHours weekly = week.hours();
        change(who, "hours-replaced", lineId, HoursView.of(before.weekly()), HoursView.of(weekly), Trigger.EDIT,
                c -> repository.hours().replaceWeekly(c, lineId, weekly));
        return new SavedWeek(weekly, week.overnight());
    }

    /** An exception added, and its ranges that run into the next day. */
    record AddedException(StoredException exception, List<HoursText.Overnight> overnight) { }

    /**
     * Adds an exception day (or range). Refused: one overlapping an existing exception, one that ended before
     * today (the line's date), a note over {@link afterhours.validation.FreeText#MAX} characters; hours that run
     * into the next day need {@code "confirm": true}.
     */
    public AddedException addException(Principal who, String lineId, JsonNode body) {
        LineSetup before = setup(lineId);
        Requests.NewException request = fields(() -> Binding.json(body, Requests.NewException.class, ""));
        HoursText.Exception parsed = fields(() -> HoursText.exception(request.text(), ""));
        ExceptionDay day = parsed.day();
        LocalDate today = LocalDate.ofInstant(clock.instant(), before.line().zone());
        if (day.last().isBefore(today)) {
            throw ApiError.invalid(new InvalidField(request.date() != null ? "date" : "to", Rule.IN_PAST,
                    Map.of("value", day.last().toString(), "now", today.toString()),
                    "the exception ends " + day.last() + ", before today (" + today + ")"));
        }
        List<ExceptionDay> all = new ArrayList<>(before.exceptions().stream().map(StoredException::day).toList());
        all.add(day);
        fields(() -> {
            HoursText.noOverlap(all, i -> request.date() != null ? "date" : "from");
            return null;
        });
        confirmOvernight(parsed.overnight(), parsed.overnight(), request.confirm());
        long[] id = new long[1];
        List<StoredException> after = new ArrayList<>(before.exceptions());
        after.add(new StoredException(0, day));
        Notice notice = Notice.exception(Notice.Kind.EXCEPTION_ADDED, withExceptions(before, after), clock.instant(),
                who.name(), day);
        change(who, "exception-added", lineId, null, ExceptionView.of(new StoredException(0, day)), Trigger.EDIT,
                c -> id[0] = repository.hours().addException(c, lineId, day), notice);
        return new AddedException(new StoredException(id[0], day), parsed.overnight());
    }

    /**
     * Ranges that run into the next day are never saved by accident: {@code fresh} ones (not saved before) need
     * the request's {@code "confirm": true}; the 409 names the first and lists {@code all} of the request's.
     */
    private static void confirmOvernight(List<HoursText.Overnight> fresh, List<HoursText.Overnight> all, String confirm) {
        if (fresh.isEmpty() || confirmed(confirm)) {
            return;
        }
        HoursText.Overnight first = fresh.get(0);
        TimeRange r = first.range();
        Map<String, Object> params = new LinkedHashMap<>(first.view());
        params.remove("field");
        params.put("ranges", all.stream().map(HoursText.Overnight::view).toList());
        throw ApiError.confirmationNeeded(new InvalidField(first.field(), Rule.RANGE_REVERSED, params,
                r + " ends at or before it starts, so it runs into the next day (until " + r.to() + ", " + r.minutes()
                        + " minutes): send \"confirm\": true if that is meant"));
    }

    private static boolean confirmed(String confirm) {
        return confirm != null && fields(() -> Choice.bool(confirm, "confirm"));
    }

    public void removeException(Principal who, String lineId, long exceptionId) {
        LineSetup before = setup(lineId);
        StoredException existing = before.exceptions().stream().filter(e -> e.id() == exceptionId).findFirst()
                .orElseThrow(() -> ApiError.notFound("line " + lineId + " has no exception " + exceptionId));
        Notice notice = Notice.exception(Notice.Kind.EXCEPTION_REMOVED, withExceptions(before,
                before.exceptions().stream().filter(e -> e.id() != exceptionId).toList()), clock.instant(), who.name(),
                existing.day());
        change(who, "exception-removed", lineId, ExceptionView.of(existing), null, Trigger.EDIT,
                c -> repository.hours().removeException(c, lineId, exceptionId), notice);
    }

    /** An override set, and what it does. */
    record SetOverride(ManualOverride override, OverrideEffect effect) { }

    /**
     * Forces OPEN or FORWARDED from now: {@code {"mode": "FORWARDED", "until": ..., "note": ..., "confirm": ...}};
     * {@code until} as {@link OverrideText} reads it, left out: until the next change. One that keeps the line
     * OPEN outside its opening hours for more than an hour needs {@code "confirm": true}: without it, 409
     * {@code open_outside_hours} with the effect, and nothing changes.
     */
    public SetOverride setOverride(Principal who, String lineId, JsonNode body) {
        LineSetup before = setup(lineId);
        Requests.Override n = fields(() -> Binding.json(body, Requests.Override.class, ""));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ManualOverride override = proposal(before, n.mode(), n.until(), fields(() -> FreeText.check(n.note(), "note")),
                who, now);
        OverrideEffect effect = before.schedule().effectOf(override, now);
        ZoneId zone = before.line().zone();
        if (effect.needsConfirmation() && !confirmed(n.confirm())) {
            Map<String, Object> params = OverrideView.effect(effect, override.untilNextChange(), zone);
            throw ApiError.confirmationNeeded(new InvalidField("confirm", Rule.OPEN_OUTSIDE_HOURS, params,
                    "this keeps the line open outside its opening hours for " + params.get("openOutsideHoursMinutes")
                            + " minutes" + (effect.night() ? ", including the night" : "") + ", "
                            + (effect.end() == null ? "with no end in sight" : "until " + Dates.iso(effect.end(), zone))
                            + ": send \"confirm\": true to go ahead"));
        }
        Notice notice = Notice.change(Notice.Kind.OVERRIDE_SET,
                new LineSetup(before.line(), before.weekly(), before.exceptions(), override), now, who.name(), override.note());
        change(who, "override-set", lineId, before.override(), override, Trigger.OVERRIDE,
                c -> repository.overrides().set(c, lineId, override), notice);
        return new SetOverride(override, effect);
    }

    /** What an override of {@code mode} until {@code until} would do if set now (nothing is changed). */
    public OverrideEffect overrideEffect(Principal who, String lineId, String mode, String until) {
        LineSetup setup = setup(lineId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return setup.schedule().effectOf(proposal(setup, mode, until, null, who, now), now);
    }

    private static ManualOverride proposal(LineSetup setup, String mode, String until, String note, Principal who,
                                           Instant now) {
        Mode m = fields(() -> Choice.of(Mode.class, mode, "mode"));
        Instant end = fields(() -> OverrideText.until(until, setup.line().zone(), now, "until")).orElse(null);
        return new ManualOverride(m, now, end, who.name(), note);
    }

    public void clearOverride(Principal who, String lineId) {
        LineSetup before = setup(lineId);
        if (before.override() == null) {
            throw ApiError.notFound("line " + lineId + " has no override");
        }
        Notice notice = Notice.change(Notice.Kind.OVERRIDE_CLEARED,
                new LineSetup(before.line(), before.weekly(), before.exceptions(), null), clock.instant(), who.name(), null);
        change(who, "override-cleared", lineId, before.override(), null, Trigger.OVERRIDE,
                c -> repository.overrides().clear(c, lineId), notice);
    }

    /**
     * One change: written with its audit entry in one transaction, then applied to the running line. A save
     * that changes nothing writes nothing and leaves no audit entry.
     */
    private void change(Principal who, String action, String lineId, Object before, Object after, Trigger trigger,
                        Write work) {
        change(who, action, lineId, before, after, trigger, work, null);
    }

    /** ... with the notice its line's recipients get, written to the outbox in the same transaction. */
    private void change(Principal who, String action, String lineId, Object before, Object after, Trigger trigger,
                        Write work, Notice notice) {
        if (before != null && after != null && Json.write(before).equals(Json.write(after))) {
            return;
        }
        Instant now = clock.instant();
        int messages = db.write(action + " on " + lineId, c -> {
            work.run(c);
            audit.record(c, now, who.name(), action, lineId, before, after);
            return notice == null ? 0 : outbox.enqueue(c, notice);
        });
        switchboard.reload(lineId, trigger);
        if (messages > 0) {
            outbox.enqueued();
        }
    }

    private static LineSetup withExceptions(LineSetup setup, List<StoredException> exceptions) {
        return new LineSetup(setup.line(), setup.weekly(), exceptions, setup.override());
    }

    /** The database part of a change. */
    @FunctionalInterface
    private interface Write {
        void run(Connection c) throws SQLException;
    }

    /** Runs validation; a field's problem becomes a 400 naming the field. */
    private static <T> T fields(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidField e) {
            throw ApiError.invalid(e);
        }
    }

}
