package afterhours.switching;

import afterhours.audit.AuditLog;
import afterhours.line.Line;
import afterhours.line.LineRepository;
import afterhours.line.LineSetup;
import afterhours.line.OverrideStore;
import afterhours.routing.LiveLine;
import afterhours.routing.LiveLines;
import afterhours.schedule.LineState;
import afterhours.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every line's compiled schedule in memory and applies its state: compute the state now (never
 * trusting a trigger alone), record a switch when the mode differs from the last one recorded, push
 * the state to the PBX and schedule the next change. The only class here that reads the clock.
 */
public final class Switchboard {
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);
    /** The actor named in the audit log for changes the service makes by itself. */
    public static final String SYSTEM_ACTOR = "afterhours";

    private final Database db;
    private final LineRepository repository;
    private final SwitchStore switches;
    private final AuditLog audit;
    private final PbxGateway pbx;
    private final NextSwitchScheduler scheduler;
    private final LiveLines lines;
    private final Clock clock;
    private final Duration grace;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Counts applies, and which one each line last had: tells a bulk read that a line changed since. */
    private final AtomicLong applies = new AtomicLong();
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final OverrideStore overrides;
    private final Consumer<Switch> onSwitch;
    private volatile SwitchNotices notices = SwitchNotices.NONE;
    private volatile Runnable afterNotices = () -> { };

    /**
     * @param lines the served lines in memory, which this switchboard keeps up to date for the call path
     * @param onSwitch told of every recorded switch (metrics); must not block
     */
    public Switchboard(Database db, LineRepository repository, SwitchStore switches, AuditLog audit, PbxGateway pbx,
                       NextSwitchScheduler scheduler, LiveLines lines, Clock clock, Duration grace,
                       Consumer<Switch> onSwitch) {
        this.db = db;
        this.repository = repository;
        this.switches = switches;
        this.audit = audit;
        this.pbx = pbx;
        this.scheduler = scheduler;
        this.lines = lines;
        this.clock = clock;
        this.grace = grace;
        this.onSwitch = onSwitch;
        this.overrides = repository.overrides();
    }

    /**
     * Who is told of each switch, inside the transaction that records it ({@code notices}) and after it
     * committed ({@code afterCommit}, e.g. to wake the delivery).
     */
    public void notifySwitches(SwitchNotices notices, Runnable afterCommit) {
        this.notices = notices;
        this.afterNotices = afterCommit;
    }

    public Clock clock() {
        return clock;
    }

    /** Loads every line and applies its state now: corrects lines that changed while the service was down. */
    public List<LineState> start() {
        List<LineState> states = new ArrayList<>();
        for (LineSetup setup : repository.loadAll()) {
            lines.put(new LiveLine(setup));
            states.add(reconcile(setup.line().id(), Trigger.STARTUP));
        }
        return states;
    }

    public Collection<LiveLine> lines() {
        return lines.all();
    }

    public Optional<LiveLine> line(String lineId) {
        return lines.line(lineId);
    }

    /** The line answering a number (DID), from memory. */
    public Optional<LiveLine> lineForNumber(String number) {
        return lines.byNumber(number);
    }

    /** The line's state now, from memory (no database access): what a call routed now gets. */
    public LineState stateNow(String lineId) {
        return live(lineId).schedule().stateAt(clock.instant());
    }

    /**
     * Re-reads a line after an admin change and applies it at once. Read under the line's lock, so a read
     * never lands after a newer one: memory only moves forward.
     */
    public LineState reload(String lineId, Trigger trigger) {
        synchronized (lock(lineId)) {
            return apply(repository.load(lineId).orElseThrow(() -> new NoSuchElementException("no line '" + lineId + "'")),
                    trigger);
        }
    }

    private LineState apply(LineSetup setup, Trigger trigger) {
        String lineId = setup.line().id();
        synchronized (lock(lineId)) {
            lines.put(new LiveLine(setup));
            applied.put(lineId, applies.incrementAndGet());
            return reconcile(lineId, trigger);
        }
    }

    /** The audit entries and the switches the looks for changes by other instances have seen. */
    private final SeenIds seenAudit = new SeenIds();
    private final SeenIds seenSwitches = new SeenIds();

    /**
     * With instances sharing a database, another one may have changed a line (every change is audited)
     * or applied a scheduled switch: then reload every line, including one another instance added from its
     * configuration file, so this instance's PBX gets the state too. The switch is already recorded, so
     * reconciling finds nothing to record and only pushes. This instance's own switches do not count; an
     * entry committed after a higher one (ids out of order on PostgreSQL) is still found (see {@link SeenIds}).
     */
    public void reloadIfChangedElsewhere() {
        if (seenSwitches.floor() < 0) {
            seenAudit.start(audit.highestId());
            seenSwitches.start(switches.highestId());
            return;
        }
        Instant now = clock.instant();
        List<Long> audited = seenAudit.notice(audit.changeIdsAbove(seenAudit.floor()), now);
        List<Long> switched = seenSwitches.notice(switches.idsAbove(seenSwitches.floor()), now);
        boolean elsewhere = !audited.isEmpty() || switched.stream().anyMatch(id -> !switches.storedHere(id));
        switches.settled(seenSwitches.floor());
        if (elsewhere) {
            long before = applies.get();
            for (LineSetup setup : repository.loadAll()) {
                try {
                    reapply(setup, before);
                } catch (RuntimeException e) {
                    log.error("Line {}: reload after a change elsewhere failed: {}", setup.line().id(), e.toString(), e);
                }
            }
        }
    }

    /**
     * Applies a line read in bulk, unless the line was applied since the bulk read began (an admin's
     * change here): that read may be older, so the line is read again rather than undone.
     */
    private void reapply(LineSetup bulk, long before) {
        String lineId = bulk.line().id();
        synchronized (lock(lineId)) {
            if (applied.getOrDefault(lineId, 0L) > before) {
                repository.load(lineId).ifPresent(fresh -> apply(fresh, Trigger.EDIT));
            } else {
                apply(bulk, Trigger.EDIT);
            }
        }
    }

    /** Applies every line's state again; used by the watchdog. */
    public void reconcileAll(Trigger trigger) {
        for (String lineId : lines.ids()) {
            try {
                reconcile(lineId, trigger);
            } catch (RuntimeException e) {
                log.error("Line {}: reconcile ({}) failed, will retry: {}", lineId, trigger, e.toString(), e);
            }
        }
    }

    /**
     * Computes the line's state now, records a switch if its mode differs from the last recorded one,
     * pushes it to the PBX (always, except on a watchdog round that found nothing wrong) and schedules
     * the next change.
     */
    public LineState reconcile(String lineId, Trigger trigger) {
        synchronized (lock(lineId)) {
            Instant now = clock.instant();
            LiveLine live = live(lineId);
            // state first: with the expired override still known, "since" is the override's end
            LineState state = live.schedule().stateAt(now);
            live = dropExpiredOverride(live, now);
            Optional<Switch> last = switches.last(lineId);
            boolean changed = last.isEmpty() || last.get().to() != state.mode();
            if (changed) {
                Switch recorded = switches.record(new Switch(0, lineId, effectiveAt(state, trigger, last, now), now,
                        last.map(Switch::to).orElse(null), state.mode(), state.reason(), state.detail(), trigger,
                        state.why()),
                        live.setup(), notices);
                afterNotices.run();
                log.info("Line {}: {} -> {} ({}{}), trigger {}, effective {}{}", lineId,
                        recorded.from() == null ? "(first start)" : recorded.from(), recorded.to(), state.reason(),
                        state.detail() == null ? "" : ": " + state.detail(), trigger, recorded.effectiveAt(),
                        late(recorded));
                onSwitch.accept(recorded);
            }
            if (changed || trigger != Trigger.WATCHDOG) {
                pbx.push(PushedState.of(live, state, grace));
            }
            scheduler.scheduleAt(lineId, state.nextChange());
            return state;
        }
    }

    /** Scheduled changes count from the schedule's boundary; admin changes from the moment they are made. */
    private static Instant effectiveAt(LineState state, Trigger trigger, Optional<Switch> last, Instant now) {
        if (trigger == Trigger.EDIT || trigger == Trigger.OVERRIDE || state.since() == null) {
            return now;
        }
        Instant effective = state.since().isAfter(now) ? now : state.since();
        if (last.isPresent() && effective.isBefore(last.get().appliedAt())) {
            effective = last.get().appliedAt();
        }
        return effective;
    }

    private static String late(Switch s) {
        Duration late = Duration.between(s.effectiveAt(), s.appliedAt());
        return s.from() != null && late.compareTo(Duration.ofSeconds(1)) > 0 ? " (applied " + late.toSeconds() + " s late)" : "";
    }

    private Object lock(String lineId) {
        return locks.computeIfAbsent(lineId, id -> new Object());
    }

    private LiveLine live(String lineId) {
        return lines.line(lineId).orElseThrow(() -> new NoSuchElementException("no line '" + lineId + "'"));
    }

    /** An override whose end has passed is removed (and audited) so it no longer shows as set. */
    private LiveLine dropExpiredOverride(LiveLine live, Instant now) {
        Instant end = live.schedule().overrideEnd();
        if (live.setup().override() == null || end == null || end.isAfter(now)) {
            return live;
        }
        String lineId = live.line().id();
        db.write("clearing the expired override of " + lineId, c -> {
            if (overrides.clear(c, lineId)) {
                audit.record(c, now, SYSTEM_ACTOR, "override-expired", lineId, live.setup().override(), null);
            }
            return null;
        });
        LineSetup setup = new LineSetup(live.line(), live.setup().weekly(), live.setup().exceptions(), null);
        LiveLine updated = new LiveLine(setup, live.schedule().withOverride(null));
        lines.put(updated);
        log.info("Line {}: override {} ended at {}", lineId, live.setup().override().mode(), end);
        return updated;
    }
}
