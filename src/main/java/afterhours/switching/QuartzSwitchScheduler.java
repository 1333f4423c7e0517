package afterhours.switching;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Quartz trigger per line at its next change, plus a watchdog that re-checks every line each
 * {@code watchdogPeriod} (catching a missed trigger or a wall-clock jump). Jobs recompute the state
 * themselves; a failing job logs and retries shortly, so the scheduler thread never dies.
 */
public final class QuartzSwitchScheduler implements NextSwitchScheduler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QuartzSwitchScheduler.class);
    private static final String GROUP = "switch";
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Scheduler quartz;
    private final Clock clock;
    private final Duration watchdogPeriod;
    /** Given at {@link #start}: the switchboard is built with this scheduler, so it cannot come earlier. */
    private volatile Switchboard switchboard;

    public QuartzSwitchScheduler(Clock clock, Duration watchdogPeriod) {
        this(clock, watchdogPeriod, null);
    }

    /**
     * @param cluster a PostgreSQL pool shared by several instances: Quartz then keeps its triggers there
     *                (clustered JDBC store), so one instance fires each trigger and another takes over when
     *                one dies; null keeps them in memory (one instance).
     */
    public QuartzSwitchScheduler(Clock clock, Duration watchdogPeriod, DataSource cluster) {
        this.clock = clock;
        this.watchdogPeriod = watchdogPeriod;
        try {
            Properties props = new Properties();
            props.setProperty("org.quartz.threadPool.threadCount", "2");
            props.setProperty("org.quartz.threadPool.threadNamePrefix", "switch");
            props.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
            if (cluster == null) {
                props.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "afterhours-" + System.identityHashCode(this));
                props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            } else {
                useClusteredStore(props, cluster);
            }
            quartz = new StdSchedulerFactory(props).getScheduler();
            // Quartz keeps schedulers in a JVM-wide map by name, and clustered instances must share the
            // name: forget it here so a second instance in the same JVM gets its own scheduler
            SchedulerRepository.getInstance().remove(quartz.getSchedulerName());
            if (cluster != null) {
                log.info("Switch triggers are shared with the other instances on this database; this one is Quartz instance {}",
                        quartz.getSchedulerInstanceId());
            }
            quartz.setJobFactory((bundle, scheduler) -> {
                JobKey key = bundle.getJobDetail().getKey();
                if (key.getGroup().equals(DAILY)) {
                    return new TaskJob(key.getName(), daily.get(key.getName()));
                }
                return key.getName().equals(WATCHDOG)
                        ? new TaskJob(WATCHDOG, watchdog)
                        : new SwitchJob(switchboard, this);
            });
            // replace: on a shared store another instance may have put the same job there already
            quartz.scheduleJob(JobBuilder.newJob(TaskJob.class).withIdentity(WATCHDOG, GROUP).build(),
                    Set.of(TriggerBuilder.newTrigger().withIdentity(WATCHDOG, GROUP)
                            .startAt(Date.from(Instant.now().plus(watchdogPeriod)))
                            .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                    .withIntervalInMilliseconds(watchdogPeriod.toMillis()).repeatForever()
                                    .withMisfireHandlingInstructionNextWithRemainingCount())
                            .build()), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    private static final String WATCHDOG = "watchdog";
    private volatile Watchdog watchdog;
    private static final String DAILY = "daily";
    private final Map<String, Runnable> daily = new ConcurrentHashMap<>();

    /** Runs {@code task} every day at {@code time} in the system's time zone; a failure is logged, not fatal. */
    public void scheduleDaily(String name, LocalTime time, Runnable task) {
        daily.put(name, task);
        try {
            quartz.scheduleJob(JobBuilder.newJob(TaskJob.class).withIdentity(name, DAILY).build(),
                    Set.of(TriggerBuilder.newTrigger().withIdentity(name, DAILY)
                            .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(time.getHour(), time.getMinute())
                                    .withMisfireHandlingInstructionFireAndProceed())
                            .build()), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule the daily job " + name + ": " + e.getMessage(), e);
        }
    }

    /** Starts firing: each line's trigger reconciles it on {@code switchboard}, and the watchdog checks them all. */
    public void start(Switchboard switchboard) {
        this.switchboard = switchboard;
        this.watchdog = new Watchdog(() -> switchboard.reconcileAll(afterhours.switching.Trigger.WATCHDOG), clock, watchdogPeriod);
        try {
            quartz.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    @Override
    public void scheduleAt(String lineId, Instant at) {
        JobKey job = JobKey.jobKey(lineId, GROUP);
        TriggerKey key = TriggerKey.triggerKey(lineId, GROUP);
        try {
            if (at == null) {
                quartz.unscheduleJob(key);
                log.info("Line {}: no change in sight, no trigger scheduled", lineId);
                return;
            }
            Date fireAt = systemTimeOf(at);
            Trigger existing = quartz.getTrigger(key);
            // a trigger that has already fired has no next fire time: re-arm it even for the same instant
            if (existing != null && fireAt.equals(existing.getNextFireTime())) {
                return;
            }
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(job).startAt(fireAt)
                    .usingJobData("boundary", at.toEpochMilli())
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build();
            if (existing != null) {
                quartz.rescheduleJob(key, trigger);
            } else {
                JobDetail detail = JobBuilder.newJob(SwitchJob.class).withIdentity(job).storeDurably().build();
                quartz.addJob(detail, true);
                quartz.scheduleJob(trigger);
            }
            log.debug("Line {}: next change at {}", lineId, at);
        } catch (SchedulerException e) {
            log.error("Line {}: cannot schedule the change at {}: {}", lineId, at, e.getMessage(), e);
        }
    }

    /**
     * Quartz fires on the system clock; the service's clock may run offset from it (tests, simulations),
     * so translate the boundary by the current difference between the two.
     */
    private Date systemTimeOf(Instant at) {
        Instant service = clock.instant();
        Duration skew = Duration.between(Instant.now(), service);  // system read second: errs late, not early
        // round up to Quartz's millisecond so the trigger never fires before the boundary
        Instant system = at.minus(skew);
        long millis = system.toEpochMilli() + (system.getNano() % 1_000_000 == 0 ? 0 : 1);
        return new Date(millis);
    }

    /** Whether a line has a pending trigger, and when it fires (service clock). For status and tests. */
    public Instant pendingAt(String lineId) {
        try {
            Trigger t = quartz.getTrigger(TriggerKey.triggerKey(lineId, GROUP));
            return t == null ? null : Instant.ofEpochMilli(t.getJobDataMap().getLong("boundary"));
        } catch (SchedulerException e) {
            return null;
        }
    }

    /** Quartz's JDBC store on the shared PostgreSQL pool, clustered: instances share the scheduler name. */
    private void useClusteredStore(Properties props, DataSource cluster) {
        String provider = "afterhours-" + System.identityHashCode(this);
        DBConnectionManager.getInstance().addConnectionProvider(provider, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return cluster.getConnection();
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void initialize() {
            }
        });
        props.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "afterhours");
        props.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "AUTO");
        props.setProperty("org.quartz.jobStore.class", PromptFailoverJobStore.class.getName());
        props.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        props.setProperty("org.quartz.jobStore.dataSource", provider);
        props.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        props.setProperty("org.quartz.jobStore.isClustered", "true");
        props.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
        props.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // an idle scheduler looks again every second, so it takes over a trigger another instance
        // released or left behind (the default is up to 30 s)
        props.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
    }

    /** This scheduler's id among the instances sharing a store. */
    public String instanceId() {
        try {
            return quartz.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops at once, like a process that dies: what it holds is left for the others to recover. */
    public void halt() {
        try {
            quartz.shutdown(false);
        } catch (SchedulerException e) {
            log.warn("Quartz did not stop: {}", e.getMessage());
        }
    }

    void retryLater(String lineId) {
        Instant at = clock.instant().plus(RETRY_AFTER);
        scheduleAt(lineId, at);
    }

    @Override
    public void close() {
        try {
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("Quartz did not shut down cleanly: {}", e.getMessage());
        }
    }

    /** Reconciles one line at its scheduled change. */
    @DisallowConcurrentExecution
    static final class SwitchJob implements Job {
        private final Switchboard switchboard;
        private final QuartzSwitchScheduler scheduler;

        SwitchJob(Switchboard switchboard, QuartzSwitchScheduler scheduler) {
            this.switchboard = switchboard;
            this.scheduler = scheduler;
        }

        @Override
        public void execute(JobExecutionContext context) {
            String lineId = context.getJobDetail().getKey().getName();
            try {
                switchboard.reconcile(lineId, afterhours.switching.Trigger.SCHEDULE);
            } catch (RuntimeException e) {
                log.error("Line {}: switch failed, retrying in {} s: {}", lineId, RETRY_AFTER.toSeconds(), e.toString(), e);
                scheduler.retryLater(lineId);
            }
        }
    }

    /** A named task: the watchdog round, the nightly retention. A failure is logged; the next run comes as planned. */
    @DisallowConcurrentExecution
    static final class TaskJob implements Job {
        private final String name;
        private final Runnable task;

        TaskJob(String name, Runnable task) {
            this.name = name;
            this.task = task;
        }

        @Override
        public void execute(JobExecutionContext context) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("{} failed (it runs again at its next time): {}", name, e.toString(), e);
            }
        }
    }
}
