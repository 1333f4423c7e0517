package afterhours.app;

import afterhours.audit.AuditLog;
import afterhours.config.AppConfig;
import afterhours.config.ConfigSeeder;
import afterhours.line.LineRepository;
import afterhours.schedule.LineState;
import afterhours.store.Database;
import afterhours.switching.PbxGateway;
import afterhours.switching.QuartzSwitchScheduler;
import afterhours.switching.SwitchStore;
import afterhours.switching.Switchboard;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.pbx.agi.FastAgiServer;
import afterhours.pbx.agi.RouteScript;
import afterhours.pbx.agi.RoutingDecisionSink;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.admin.AdminServer;
import afterhours.users.UserStore;
import afterhours.calllog.CallLog;
import afterhours.metrics.ServiceMetrics;
import afterhours.calllog.CallStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The service assembled: database (migrated and seeded), switchboard, Quartz. {@link #open} is enough
 * for the read-only commands; {@link #start} begins switching.
 */
public final class Afterhours implements AutoCloseable {
    private final AppConfig config;
    private final Database db;
    private final LineRepository repository;
    private final SwitchStore switches;
    private final AuditLog audit;
    private final Switchboard switchboard;
    private QuartzSwitchScheduler scheduler;
    private FastAgiServer fastAgi;
    private AdminServer admin;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private CallLog callLog;
    /** When the nightly retention job runs, in the service's time zone. */
    static final java.time.LocalTime RETENTION_TIME = java.time.LocalTime.of(3, 30);
    private final List<AutoCloseable> edges = new ArrayList<>();

    private Afterhours(AppConfig config, Database db, PbxGateway pbx, Clock clock) {
        this.config = config;
        this.db = db;
        this.repository = new LineRepository(db);
        this.switches = new SwitchStore(db);
        this.audit = new AuditLog(db);
        this.switchboard = new Switchboard(db, repository, switches, audit, pbx, clock, config.stateGrace());
    }

    /** Opens the database, applies migrations and seeds lines from the configuration. */
    public static Afterhours open(AppConfig config, PbxGateway pbx, Clock clock) {
        Database db = config.databaseUrl() != null ? Database.openUrl(config.databaseUrl()) : Database.open(config.database());
        Afterhours app = new Afterhours(config, db, pbx, clock);
        ConfigSeeder.seed(db, app.repository, app.audit, config, clock.instant());
        return app;
    }

    /**
     * The whole service: AMI gateway (when enabled; otherwise states are only logged), switching, and
     * the FastAGI route script.
     */
    public static Afterhours serve(AppConfig config, Clock clock) throws IOException {
        Afterhours app = open(config, new LoggingPbxGateway(), clock);
        CallLog callLog = new CallLog(new CallStore(app.db), new LiveLines(app.switchboard), clock);
        AmiPbxGateway ami = null;
        if (config.ami().enabled()) {
            ami = new AmiPbxGateway(config.ami(), config.verifyPeriod(), clock, callLog);
            app.switchboard.usePbx(ami);
            app.edges.add(ami);
        }
        app.edges.add(callLog);   // closed last: flushes what the PBX sent until the end
        callLog.onCompleted(app.metrics::callCompleted);
        app.switchboard.onSwitch(app.metrics::switched);
        if (ami != null) {
            AmiPbxGateway gateway = ami;
            app.metrics.amiConnected(() -> gateway.health().connected());
        }
        app.callLog = callLog;
        app.start();
        if (ami != null) {
            ami.start();
        }
        app.startFastAgi(callLog);
        for (Switchboard.LiveLine live : app.switchboard.lines()) {
            String id = live.line().id();
            app.metrics.lineMode(id, () -> app.switchboard.stateNow(id).mode());
        }
        app.startAdmin();
        app.scheduler.scheduleDaily("call-retention", RETENTION_TIME, () -> purgeOldCalls(callLog, config, clock));
        return app;
    }

    /** Nightly: calls older than the retention period are deleted (caller numbers are personal data). */
    static int purgeOldCalls(CallLog callLog, AppConfig config, Clock clock) {
        Instant cutoff = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)).minus(config.callRetention()).toInstant();
        int purged = callLog.store().purgeBefore(cutoff);
        LoggerFactory.getLogger(Afterhours.class).info("Call log: {} call(s) older than {} deleted (retention {})",
                purged, cutoff, config.callRetention());
        return purged;
    }

    /**
     * Starts the admin endpoint, unless no user or token exists yet: there is no default password, so a
     * fresh install says how to create one instead.
     */
    public java.util.Optional<AdminServer> startAdmin() {
        if (new UserStore(db).count() == 0) {
            LoggerFactory.getLogger(Afterhours.class).warn("Admin endpoint not started: no user yet. Create one with"
                    + " 'afterhours user add NAME --role admin' (the password is read from standard input), then restart.");
            return java.util.Optional.empty();
        }
        admin = AdminServer.create(db, repository, audit, switchboard, switches, new CallStore(db), switchboard.clock(),
                this::pbxHealth, this::health, metrics::scrape);
        admin.start(config.http().bind(), config.http().port());
        LoggerFactory.getLogger(Afterhours.class).info("Admin endpoint on http://{}:{}/", config.http().bind(), admin.port());
        return java.util.Optional.of(admin);
    }

    /** The PBX connection as the status shows it; no personal data. */
    public java.util.Map<String, Object> pbxHealth() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        java.util.Optional<AmiPbxGateway> gateway = ami();
        m.put("ami", gateway.isEmpty() ? "disabled" : gateway.get().health().connected() ? "connected" : "disconnected");
        gateway.ifPresent(g -> {
            m.put("amiSince", g.health().since().toString());
            m.put("lastPush", g.health().lastPush() == null ? null : g.health().lastPush().toString());
            m.put("lastProblem", g.health().lastProblem());
        });
        m.put("fastAgi", fastAgi == null ? "not started" : "listening on " + config.fastAgi().bind() + ":" + config.fastAgi().port());
        return m;
    }

    /** {@code /health}: up or degraded, for monitoring; nothing personal. */
    public java.util.Map<String, Object> health() {
        java.util.Map<String, Object> pbx = pbxHealth();
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("status", "disconnected".equals(pbx.get("ami")) ? "DEGRADED" : "UP");
        m.put("lines", switchboard.lines().size());
        m.put("ami", pbx.get("ami"));
        m.put("fastAgi", fastAgi == null ? "not started" : "listening");
        return m;
    }

    /** Listens for the dialplan's {@code AGI(agi://HOST:PORT/route?line=LINE)}. */
    public FastAgiServer startFastAgi(RoutingDecisionSink decisions) throws IOException {
        fastAgi = new FastAgiServer(config.fastAgi(), List.of(new RouteScript(switchboard, decisions, metrics::routed)));
        fastAgi.start();
        return fastAgi;
    }

    /** Loads the lines, corrects each line's state now and starts the Quartz triggers. */
    public List<LineState> start() {
        scheduler = new QuartzSwitchScheduler(switchboard, config.watchdogPeriod(), db.sharedPool());
        switchboard.useScheduler(scheduler);
        List<LineState> states = switchboard.start();
        scheduler.start();
        if (db.sharedPool() != null) {
            // another instance on the same database may change a line or apply a switch: look every 2 s
            ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "reload");
                t.setDaemon(true);
                return t;
            });
            refresh.scheduleWithFixedDelay(() -> {
                try {
                    switchboard.reloadIfChangedElsewhere();
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(Afterhours.class).warn("Checking for changes by other instances failed: {}", e.toString());
                }
            }, 0, 2, TimeUnit.SECONDS);
            edges.add(0, () -> {
                // let a running check finish: interrupting it would break its pooled connection
                refresh.shutdown();
                refresh.awaitTermination(5, TimeUnit.SECONDS);
            });
        }
        return states;
    }

    public AppConfig config() {
        return config;
    }

    public Database database() {
        return db;
    }

    public LineRepository repository() {
        return repository;
    }

    public SwitchStore switches() {
        return switches;
    }

    public AuditLog audit() {
        return audit;
    }

    public Switchboard switchboard() {
        return switchboard;
    }

    public QuartzSwitchScheduler scheduler() {
        return scheduler;
    }

    /** The call log, while serving. */
    public CallLog callLog() {
        return callLog;
    }

    public FastAgiServer fastAgi() {
        return fastAgi;
    }

    /** The AMI gateway, when the service talks to Asterisk. */
    public java.util.Optional<AmiPbxGateway> ami() {
        return edges.stream().filter(AmiPbxGateway.class::isInstance).map(AmiPbxGateway.class::cast).findFirst();
    }

    /** Stops taking calls (answering those in flight), then switching, then the PBX connection. */
    public java.util.Optional<AdminServer> admin() {
        return java.util.Optional.ofNullable(admin);
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        if (fastAgi != null) {
            fastAgi.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        for (AutoCloseable edge : edges) {
            try {
                edge.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Afterhours.class).warn("Closing {} failed: {}", edge.getClass().getSimpleName(), e.toString());
            }
        }
        db.close();
    }
}
