package afterhours.app;

import afterhours.admin.AdminServer;
import afterhours.admin.SetupCode;
import afterhours.audit.AuditLog;
import afterhours.calllog.CallLog;
import afterhours.calllog.CallRetention;
import afterhours.calllog.CallStore;
import afterhours.calllog.CallerPrivacy;
import afterhours.calllog.ErasedNumbers;
import afterhours.calllog.NumberPlan;
import afterhours.notify.OutboxPersonalData;
import afterhours.subject.PbxSpool;
import afterhours.subject.Subjects;
import java.time.Duration;
import afterhours.calllog.MissedCallStore;
import afterhours.calllog.RoutingDecisionSink;
import afterhours.cli.RunningService;
import afterhours.config.AppConfig;
import afterhours.notify.DeliveryWorker;
import afterhours.notify.MissedCallNotices;
import afterhours.notify.Notice;
import afterhours.notify.OutageNotices;
import afterhours.notify.PbxDownWatch;
import afterhours.notify.ServiceHeartbeat;
import afterhours.notify.send.MailSender;
import afterhours.notify.Outbox;
import afterhours.notify.Recipient;
import afterhours.notify.RecipientRules;
import afterhours.notify.RecipientStore;
import afterhours.notify.WebhookHosts;
import afterhours.notify.WebhookSecrets;
import afterhours.notify.RetryPolicy;
import afterhours.notify.Sender;
import afterhours.notify.send.WebhookSender;
import afterhours.config.Databases;
import afterhours.line.LineRepository;
import afterhours.metrics.ServiceMetrics;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.pbx.agi.FastAgiServer;
import afterhours.pbx.agi.RouteScript;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.routing.LiveLine;
import afterhours.routing.LiveLines;
import afterhours.schedule.LineState;
import afterhours.store.Database;
import afterhours.store.InstanceLocks;
import afterhours.switching.PbxGateway;
import afterhours.switching.QuartzSwitchScheduler;
import afterhours.switching.ReloadPoller;
import afterhours.switching.SwitchStore;
import afterhours.switching.Switchboard;
import afterhours.users.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the object graph once, from the edges' needs inwards, and starts and
 * stops it in order. It decides nothing itself; what runs in the background are small named classes
 * ({@link ReloadPoller}, {@link afterhours.switching.Watchdog}, {@link CallRetention}, the AMI gateway's
 * own check of the pushed state).
 */
public final class Afterhours implements RunningService {
    private static final Logger log = LoggerFactory.getLogger(Afterhours.class);
    /** When the nightly retention job runs, in the service's time zone. */
    static final LocalTime RETENTION_TIME = LocalTime.of(3, 30);
    /** Decisions per line the route works through at start so the JIT compiles it before the first calls. */
    static final int ROUTE_WARM_UP = 3_000;

    private final AppConfig config;
    private final Clock clock;
    private final Database db;
    private final LiveLines lines;
    private final LineRepository repository;
    private final SwitchStore switches;
    private final AuditLog audit;
    private final ServiceMetrics metrics;
    private final QuartzSwitchScheduler scheduler;
    private final Switchboard switchboard;
    private final CallLog callLog;
    private final AmiPbxGateway ami;
    private final ServiceHealth health;
    private final RecipientStore recipients;
    private final WebhookSecrets secrets;
    private final RecipientRules recipientRules;
    private final Outbox outbox;
    private final ErasedNumbers erasedNumbers;
    private final Duration numbersKept;
    private final Subjects subjects;
    /** What was started, closed last-first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private FastAgiServer fastAgi;
    private AdminServer admin;
    private SetupCode setupCode;

    /**
     * @param pbx where line states go; with {@code withPbxEdges} the AMI gateway (when enabled) instead
     * @param withPbxEdges build the call log and the AMI gateway too (the whole service)
     */
    private Afterhours(AppConfig config, Database db, LiveLines lines, PbxGateway pbx, boolean withPbxEdges, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.db = db;
        this.lines = lines;
        this.repository = new LineRepository(db);
        this.switches = new SwitchStore(db);
        this.audit = new AuditLog(db);
        this.metrics = new ServiceMetrics();
        CallerPrivacy privacy = callerPrivacy(config);
        this.erasedNumbers = privacy.erased();
        this.numbersKept = privacy.numbersKept();
        this.callLog = withPbxEdges
                ? new CallLog(callStore(db, clock, metrics, privacy), new CallLogLines(lines), clock, metrics::callCompleted)
                : null;
        this.ami = withPbxEdges && config.ami().enabled()
                ? new AmiPbxGateway(config.ami(), config.verifyPeriod(), clock, callLog) : null;
        this.subjects = subjects(config, db, audit, ami != null ? ami.spool() : PbxSpool.NOT_CONNECTED);
        // a restore of an older backup lacks the erasures made since: they are applied again before anything runs
        subjects.reapply(clock.instant());
        this.scheduler = new QuartzSwitchScheduler(clock, config.watchdogPeriod(), db.sharedPool());
        this.switchboard = new Switchboard(db, repository, switches, audit, ami != null ? ami : pbx, scheduler, lines,
                clock, config.stateGrace(), metrics::switched);
        this.health = new ServiceHealth(Optional.ofNullable(ami), () -> fastAgi, lines);
        this.secrets = WebhookSecrets.withKeyFile(config.secretKeyFile(), System::getenv);
        this.recipients = new RecipientStore(db, secrets);
        secrets.prepare(db, recipients);
        this.recipientRules = new RecipientRules(new WebhookHosts(config.webhooks().hosts()), secrets, config.smtp() != null);
        this.outbox = new Outbox(db, recipients);
        switchboard.notifySwitches(outbox.switchNotices(), outbox::enqueued);
    }

    /** What becomes of callers' numbers as calls are written: the erased list beside the key file, the masking. */
    public static CallerPrivacy callerPrivacy(AppConfig config) {
        return new CallerPrivacy(ErasedNumbers.in(config.keyDirectory(), new NumberPlan(config.callers().countryCode())),
                Duration.ofDays(config.callers().numbersKeptDays()));
    }

    /** A caller's access and erasure requests on {@code db}, the PBX's spool reached through {@code spool}. */
    public static Subjects subjects(AppConfig config, Database db, AuditLog audit, PbxSpool spool) {
        CallerPrivacy privacy = callerPrivacy(config);
        return new Subjects(db, privacy.erased(), audit, config.callRetention(), privacy.numbersKept(),
                List.of(new OutboxPersonalData()), spool);
    }

    /** The call log's store, counting each missed call it stores. */
    private static CallStore callStore(Database db, Clock clock, ServiceMetrics metrics, CallerPrivacy privacy) {
        CallStore store = new CallStore(db, clock, privacy);
        store.onMissed(metrics::missedCall);
        return store;
    }

    /**
     * The database (created or migrated, configured lines seeded) and switching, with line states going
     * to {@code pbx}; no call log, AMI, FastAGI or admin endpoint until asked for. Nothing runs before {@link #start}.
     */
    public static Afterhours open(AppConfig config, PbxGateway pbx, Clock clock) {
        return of(config, Databases.openSeeded(config, clock.instant()), new LiveLines(), pbx, clock);
    }

    /**
     * As {@link #open}, on parts built outside: a PBX gateway whose call log reads the same {@code lines}
     * (the tests that feed their own AMI connection and call log).
     */
    public static Afterhours of(AppConfig config, Database db, LiveLines lines, PbxGateway pbx, Clock clock) {
        return new Afterhours(config, db, lines, pbx, false, clock);
    }

    /**
     * The whole service: switching, the AMI gateway (when enabled; otherwise states are only logged) with
     * the call log behind it, the FastAGI route script, the admin endpoint and the nightly retention.
     */
    public static Afterhours serve(AppConfig config, Clock clock) throws IOException {
        Afterhours app = new Afterhours(config, Databases.openSeeded(config, clock.instant()), new LiveLines(),
                new LoggingPbxGateway(), true, clock);
        try {
            // calls first: the route answers as soon as the lines are loaded, before Quartz, AMI and the page
            app.startLines();
            app.startFastAgi(app.callLog);
            app.startScheduling();
            if (app.ami != null) {
                app.metrics.amiConnected(() -> app.ami.health().connected());
                app.ami.start();
            }
            app.metrics.callLog(app.callLog::quarantined, app.callLog::dropped, app.callLog::spooled);
            for (LiveLine live : app.lines.all()) {
                String id = live.line().id();
                app.metrics.lineMode(id, () -> app.switchboard.stateNow(id).mode());
                app.metrics.missedCallsOf(id);
            }
            app.startAdmin();
            app.startNotifications(RetryPolicy.DEFAULT);
            app.scheduler.scheduleDaily("call-retention", RETENTION_TIME,
                    new CallRetention(app.callLog.store(), config.callRetention(), app.numbersKept, app.erasedNumbers, clock,
                            app.metrics::numbersMasked));
        } catch (UncheckedIOException e) {
            app.close();
            throw e.getCause();   // the admin port taken: as the FastAGI port, a BindException
        } catch (IOException | RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** Loads the lines, corrects each line's state now and starts the Quartz triggers. */
    public List<LineState> start() {
        List<LineState> states = startLines();
        startScheduling();
        return states;
    }

    /** Loads the lines and corrects each line's state now: from here on a route can be answered. */
    private List<LineState> startLines() {
        if (callLog != null) {
            started.push(callLog);   // closed after the PBX: flushes what the PBX sent until the end
        }
        if (ami != null) {
            started.push(ami);
        }
        return switchboard.start();
    }

    /** Starts the Quartz triggers of the next changes and, on a shared database, the reload poller. */
    private void startScheduling() {
        scheduler.start(switchboard);
        started.push(scheduler);
        if (db.sharedPool() != null) {
            // another instance on the same database may change a line or apply a switch
            started.push(new ReloadPoller(switchboard::reloadIfChangedElsewhere, ReloadPoller.PERIOD));
        }
    }

    /**
     * Delivers the notices in the outbox (webhooks always, e-mail when an SMTP server is configured), tells of
     * missed calls and, with AMI on, tells recipients of a PBX link down for their number of minutes.
     */
    public DeliveryWorker startNotifications(RetryPolicy retry) {
        Map<Recipient.Channel, Sender> senders = new EnumMap<>(Recipient.Channel.class);
        senders.put(Recipient.Channel.WEBHOOK, new WebhookSender(secrets, recipientRules.hosts(), clock));
        if (config.smtp() != null) {
            senders.put(Recipient.Channel.EMAIL, new MailSender(config.smtp()));
        }
        String instance = "afterhours-" + java.util.UUID.randomUUID();
        OutageNotices outages = new OutageNotices(db, recipients, outbox, lines);
        ServiceHeartbeat heartbeat = new ServiceHeartbeat(db, clock, instance);
        Instant lastSeen = heartbeat.last();
        if (lastSeen != null) {
            // the service cannot tell of its own stop: its next start says how long no instance ran
            int told = outages.tell(Notice.Kind.SERVICE_DOWN, lastSeen, clock.instant(), r -> true, r -> { });
            if (told > 0) {
                log.warn("Notifications: no instance ran since {}; {} recipient(s) told", lastSeen, told);
            }
        }
        started.push(heartbeat.start());
        DeliveryWorker worker = new DeliveryWorker(outbox, recipients, senders, retry, clock, instance,
                InstanceLocks.of(db));
        worker.start();
        started.push(worker);
        started.push(new MissedCallNotices(db, new MissedCallStore(db), outbox, lines, clock).start());
        if (ami != null) {
            started.push(new PbxDownWatch(() -> ami.health().connected() ? null : ami.health().since(), outages, clock).start());
        }
        return worker;
    }

    /** A caller's access and erasure requests. */
    public Subjects subjects() {
        return subjects;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The recipients, with the key that seals their secrets. */
    public RecipientStore recipients() {
        return recipients;
    }

    /**
     * Listens for the dialplan's {@code AGI(agi://HOST:PORT/route?line=LINE)}.
     *
     * @throws java.net.BindException when the port cannot be bound, naming it
     */
    public FastAgiServer startFastAgi(RoutingDecisionSink decisions) throws IOException {
        RouteScript route = new RouteScript(lines, decisions, clock, metrics::routed);
        FastAgiServer server = new FastAgiServer(config.fastAgi(), List.of(route));
        server.start();   // binds here: a port that is taken stops the start (BindException)
        fastAgi = server;
        Thread warmUp = new Thread(() -> route.warmUp(lines.ids(), clock.instant(), ROUTE_WARM_UP), "route-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        started.push(fastAgi);
        return fastAgi;
    }

    /**
     * Starts the admin endpoint. There is no default password: while no admin exists it also takes the
     * first login, with a one-time code that only the console shows ({@link #firstLoginLink}).
     */
    public AdminServer startAdmin() {
        setupCode = new UserStore(db).admins() == 0 ? SetupCode.create(clock) : null;
        admin = AdminServer.create(db, repository, audit, switchboard, switches, new CallStore(db, clock), clock,
                health::pbx, health::summary, metrics::scrape, setupCode, config.http().trustedProxy(), recipients,
                recipientRules, outbox, subjects);
        admin.start(config.http().bind(), config.http().port());
        started.push(admin);
        log.info("Admin endpoint on http://{}:{}/", config.http().bind(), admin.port());
        if (setupCode != null) {
            // the code itself goes to the console only, never to the log file
            log.warn("Admin endpoint: no admin yet. The first-login link is on the console (valid until {}); or create a"
                    + " user with 'afterhours user add NAME --role admin' (the password is read from standard input)",
                    setupCode.expires());
        }
        return admin;
    }

    @Override
    public Optional<String> firstLoginLink() {
        if (admin == null || setupCode == null || new UserStore(db).admins() > 0) {
            return Optional.empty();
        }
        return Optional.of("http://" + config.http().bind() + ":" + admin.port() + "/#setup=" + setupCode.code());
    }

    @Override
    public Optional<String> adminUrl() {
        return admin == null ? Optional.empty() : Optional.of("http://" + config.http().bind() + ":" + admin.port() + "/");
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

    @Override
    public Switchboard switchboard() {
        return switchboard;
    }

    /** The served lines in memory, as the call path reads them. */
    public LiveLines lines() {
        return lines;
    }

    public QuartzSwitchScheduler scheduler() {
        return scheduler;
    }

    /** The call log, when serving. */
    public CallLog callLog() {
        return callLog;
    }

    public FastAgiServer fastAgi() {
        return fastAgi;
    }

    /** The AMI gateway, when the service talks to Asterisk. */
    public Optional<AmiPbxGateway> ami() {
        return Optional.ofNullable(ami);
    }

    public Optional<AdminServer> admin() {
        return Optional.ofNullable(admin);
    }

    public ServiceHealth health() {
        return health;
    }

    /** Stops taking calls (answering those in flight), then switching, then the PBX connection, then the log. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        scheduler.close();   // also when never started: Quartz has threads from its creation on
        db.close();
    }
}
