package afterhours.admin;

import afterhours.audit.AuditLog;
import afterhours.json.Binding;
import afterhours.json.Json;
import afterhours.line.HoursStore.StoredException;
import afterhours.line.HoursText;
import afterhours.line.Line;
import afterhours.line.LineRepository;
import afterhours.line.LineSetup;
import afterhours.notify.Notice;
import afterhours.notify.Outbox;
import afterhours.report.StateView;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
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
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

    /** Replaces the whole week. */
    public WeeklyHours replaceHours(Principal who, String lineId, JsonNode body) {
        LineSetup before = setup(lineId);
        WeeklyHours weekly = fields(() -> HoursText.week(Binding.json(body, Requests.Week.class, "").days(), "")).hours();
        change(who, "hours-replaced", lineId, HoursView.of(before.weekly()), HoursView.of(weekly), Trigger.EDIT,
                c -> repository.hours().replaceWeekly(c, lineId, weekly));
        return weekly;
    }

    /** Adds an exception day (or range); one overlapping an existing exception is refused. */
    public StoredException addException(Principal who, String lineId, JsonNode body) {
        LineSetup before = setup(lineId);
        Requests.NewException request = fields(() -> Binding.json(body, Requests.NewException.class, ""));
        ExceptionDay day = fields(() -> HoursText.exception(request.text(), "")).day();
        List<ExceptionDay> all = new ArrayList<>(before.exceptions().stream().map(StoredException::day).toList());
        all.add(day);
        fields(() -> {
            HoursText.noOverlap(all, i -> request.date() != null ? "date" : "from");
            return null;
        });
        long[] id = new long[1];
        List<StoredException> after = new ArrayList<>(before.exceptions());
        after.add(new StoredException(0, day));
        Notice notice = Notice.exception(Notice.Kind.EXCEPTION_ADDED, withExceptions(before, after), clock.instant(),
                who.name(), day);
        change(who, "exception-added", lineId, null, ExceptionView.of(new StoredException(0, day)), Trigger.EDIT,
                c -> id[0] = repository.hours().addException(c, lineId, day), notice);
        return new StoredException(id[0], day);
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

    /**
     * Forces OPEN or FORWARDED from now: {@code {"mode": "FORWARDED", "until": "2026-12-24T08:00+01:00"}}, or
     * without {@code until} until the schedule's next change.
     */
    public ManualOverride setOverride(Principal who, String lineId, JsonNode body) {
        LineSetup before = setup(lineId);
        Requests.Override n = fields(() -> Binding.json(body, Requests.Override.class, ""));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ZoneId zone = before.line().zone();
        Mode mode = fields(() -> Choice.of(Mode.class, n.mode(), "mode"));
        Instant until = n.until() == null ? null : fields(() -> Dates.instant(n.until(), zone, "until"));
        if (until != null && !until.isAfter(now)) {
            throw ApiError.invalid(new InvalidField("until", Rule.IN_PAST, Map.of("value", StateView.iso(until, zone),
                    "now", StateView.iso(now, zone)), "must be in the future, was " + StateView.iso(until, zone)));
        }
        String note = fields(() -> FreeText.check(n.note(), "note"));
        ManualOverride override = new ManualOverride(mode, now, until, who.name(), note);
        Notice notice = Notice.change(Notice.Kind.OVERRIDE_SET,
                new LineSetup(before.line(), before.weekly(), before.exceptions(), override), now, who.name(), note);
        change(who, "override-set", lineId, before.override(), override, Trigger.OVERRIDE,
                c -> repository.overrides().set(c, lineId, override), notice);
        return override;
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
