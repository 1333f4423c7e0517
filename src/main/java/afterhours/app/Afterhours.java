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
import java.time.Clock;
import java.util.List;

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
        Database db = Database.open(config.database());
        Afterhours app = new Afterhours(config, db, pbx, clock);
        ConfigSeeder.seed(db, app.repository, app.audit, config, clock.instant());
        return app;
    }

    /** Loads the lines, corrects each line's state now and starts the Quartz triggers. */
    public List<LineState> start() {
        scheduler = new QuartzSwitchScheduler(switchboard, config.watchdogPeriod());
        switchboard.useScheduler(scheduler);
        List<LineState> states = switchboard.start();
        scheduler.start();
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

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
