package afterhours.pbx.ami;

import static afterhours.routing.PbxContract.ASTDB_FAMILY;

import afterhours.calllog.CallEventSink;
import afterhours.concurrent.BackgroundThreads;
import afterhours.config.AppConfig;
import afterhours.routing.PbxContract;
import afterhours.subject.PbxSpool;
import afterhours.switching.PbxGateway;
import afterhours.switching.PushedState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.PingThread;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.DbDelAction;
import org.asteriskjava.manager.action.DbPutAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes each line's state into Asterisk over AMI: the AstDB key {@code afterhours/LINE/state} (the route now and
 * in the next period, in one value), {@code afterhours/LINE/mode} and the device state {@code Custom:afterhours-LINE};
 * and the dialplan's {@code AH_ROUTING} as configured. All AMI work runs on one thread
 * of ours, so the callers (Quartz, the admin) never wait for the PBX and never block the library's
 * event thread. The latest state of each line is kept and pushed again after every (re)connect, and the
 * PBX is checked periodically: a key or lamp that drifted is repaired and logged.
 */
public final class AmiPbxGateway implements PbxGateway, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiPbxGateway.class);
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final long ACTION_TIMEOUT_MS = 5_000;

    private final AppConfig.Ami settings;
    private final Duration verifyPeriod;
    private final Clock clock;
    private final DefaultManagerConnection connection;
    private final ScheduledExecutorService worker;
    private final EventPump events;
    private final CallEventSink sink;
    /** Collects the dialplan's own call records; null without a call log. */
    private final SpoolCollector spool;
    /** Reading a week's spool (thousands of keys) takes longer than one action. */
    private static final long SPOOL_TIMEOUT_MS = 60_000;
    private final Map<String, PushedState> desired = new ConcurrentHashMap<>();
    /** Lines whose state changed since the worker last pushed: many at once (a common boundary) go in one round. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private volatile PingThread pinger;
    private volatile boolean closed;
    private volatile PbxHealth health;
    private volatile Instant disconnectedAt;
    /** Call events came without Asterisk's Timestamp since the last login. */
    private volatile boolean untimedEvents;
    static final String UNTIMED = "AMI events carry no Timestamp (manager.conf: timestampevents = yes); call times"
            + " are when the service received the events";

    public AmiPbxGateway(AppConfig.Ami settings, Duration verifyPeriod, Clock clock, CallEventSink sink) {
        this.settings = settings;
        this.spool = sink == CallEventSink.NONE ? null : new SpoolCollector(new SpoolCollector.Pbx() {
            @Override
            public boolean connected() {
                return AmiPbxGateway.this.connected();
            }

            @Override
            public Map<String, String> tree(String family) throws ActionFailed {
                return readTree(family, SPOOL_TIMEOUT_MS);
            }

            @Override
            public void delete(String family, String key) throws ActionFailed {
                send(new DbDelAction(family, key));
            }
        }, sink, clock);
        this.verifyPeriod = verifyPeriod;
        this.clock = clock;
        this.sink = sink;
        this.health = new PbxHealth(false, clock.instant(), null, "not connected yet", List.of(), null);
        this.connection = new DefaultManagerConnection(settings.host(), settings.port(), settings.username(),
                settings.secret());
        // a half-open connection shows as silence: with a ping every interval, 3 silent intervals mean dead
        connection.setSocketReadTimeout((int) settings.ping().multipliedBy(3).toMillis());
        connection.setSocketTimeout((int) Duration.ofSeconds(5).toMillis());
        connection.setDefaultResponseTimeout(ACTION_TIMEOUT_MS);
        connection.setKeepAliveAfterAuthenticationFailure(true);
        connection.registerUserEventClass(DbGetTreeResponseEvent.class);
        connection.registerUserEventClass(DbGetTreeCompleteEvent.class);
        this.events = new EventPump(sink, 100_000);
        connection.addEventListener(this::onManagerEvent);
        // on close, a login retry still waiting for its time is dropped: stopping must not wait out a
        // backoff towards an Asterisk that is not there
        this.worker = BackgroundThreads.single("ami");
    }

    /**
     * The calls waiting in the PBX's spool, for a caller's access and erasure requests: read and rewritten through
     * this AMI connection, none while it is down.
     */
    public PbxSpool spool() {
        return new PbxSpool() {
            @Override
            public Optional<Map<String, String>> records() {
                if (!connected()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(readTree(PbxContract.SPOOL_FAMILY, SPOOL_TIMEOUT_MS));
                } catch (ActionFailed e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }

            @Override
            public void put(String key, String value) {
                try {
                    send(new DbPutAction(PbxContract.SPOOL_FAMILY, key, value));
                } catch (ActionFailed e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        };
    }

    /** Starts connecting in the background; the service runs on meanwhile ("PBX not connected"). */
    public void start() {
        // not connected yet: from the start until the first login, calls are not seen live
        Instant now = clock.instant();
        disconnectedAt = now;
        worker.execute(() -> sink.down(now));
        if (spool != null) {
            spool.start();
        }
        worker.execute(() -> login(FIRST_RETRY));
        worker.scheduleWithFixedDelay(this::verify, verifyPeriod.toMillis(), verifyPeriod.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void push(PushedState state) {
        desired.put(state.lineId(), state);
        if (!closed && dirty.add(state.lineId())) {
            worker.execute(this::pushDirty);
        }
    }

    public PbxHealth health() {
        return health;
    }

    public EventPump events() {
        return events;
    }

    /** The library retries a lost connection itself, but not a failed first login: that is ours, with backoff. */
    private void login(Duration retry) {
        if (closed) {
            return;
        }
        try {
            connection.login();
            log.info("AMI: logged in to {}:{} as {}", settings.host(), settings.port(), settings.username());
            startPinger();
            // the ConnectEvent of this login schedules the push of every line
        } catch (AuthenticationFailedException e) {
            problem("AMI login refused for user '" + settings.username() + "' (check the secret and manager.conf)");
            retryLogin(retry);
        } catch (IOException | TimeoutException | RuntimeException e) {
            problem("AMI: cannot connect to " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
            retryLogin(retry);
        }
    }

    private void retryLogin(Duration after) {
        Duration next = after.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : after.multipliedBy(2);
        if (!closed) {
            worker.schedule(() -> login(next), after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void startPinger() {
        if (pinger == null) {
            PingThread p = new PingThread(connection);
            p.setInterval(settings.ping().toMillis());
            p.setDaemon(true);
            p.setName("ami-ping");
            p.start();
            pinger = p;
        }
    }

    /** On the library's event thread: only hand over, never wait. */
    private void onManagerEvent(ManagerEvent event) {
        if (event instanceof ConnectEvent) {
            Instant now = clock.instant();
            health = health.connected(true, now, null);
            untimedEvents = false;
            Instant down = disconnectedAt;
            if (down != null) {
                disconnectedAt = null;
                log.info("AMI: reconnected after {} s; pushing every line again", Duration.between(down, now).toSeconds());
                worker.execute(() -> sink.gap(down, now));
            }
            worker.execute(this::pushAll);     // the state first: calls route on it
            worker.execute(this::applyRouting);
            worker.execute(this::selfCheck);
            if (spool != null) {
                spool.collectSoon();           // the calls routed while the service could not see them
            }
        } else if (event instanceof DisconnectEvent) {
            Instant now = clock.instant();
            disconnectedAt = now;
            worker.execute(() -> sink.down(now));
            health = health.connected(false, now, "AMI connection lost; reconnecting");
            log.warn("AMI: connection to {}:{} lost; reconnecting", settings.host(), settings.port());
        } else {
            if (!untimedEvents && event.getTimestamp() == null && AmiCallEvents.read(event)) {
                untimedEvents = true;
                missing(UNTIMED);
            }
            events.offer(event);
        }
    }

    private boolean connected() {
        return connection.getState() == ManagerConnectionState.CONNECTED;
    }

    private void pushAll() {
        dirty.addAll(desired.keySet());
        pushDirty();
    }

    /**
     * Pushes every line marked since the last round. The actions of all of them are sent without waiting for each
     * answer (Asterisk handles a session's actions in order), then the answers are awaited together: a thousand lines
     * changing at one boundary cost one round of waiting, not three thousand.
     */
    private void pushDirty() {
        List<String> lines = new ArrayList<>();
        for (var it = dirty.iterator(); it.hasNext(); ) {
            lines.add(it.next());
            it.remove();
        }
        if (lines.isEmpty() || !connected()) {
            return;   // not connected: the next login pushes every line
        }
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<ManagerAction> actions = new ArrayList<>();
        List<String> actionLines = new ArrayList<>();
        for (String lineId : lines) {
            PushedState state = desired.get(lineId);
            if (state == null) {
                continue;
            }
            // the state is one value, written whole: a call sees the new state or the old one, never half of each;
            // AstDB's copy first (it outlives an Asterisk restart), then the global the calls read
            for (var key : PushedStateCheck.keysOf(state).entrySet()) {
                actions.add(new DbPutAction(ASTDB_FAMILY, PbxContract.key(lineId, key.getKey()), key.getValue()));
                actionLines.add(lineId);
            }
            for (var variable : PushedStateCheck.variablesOf(state).entrySet()) {
                actions.add(new SetVarAction(variable.getKey(), variable.getValue()));
                actionLines.add(lineId);
            }
        }
        java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            ManagerAction action = actions.get(i);
            String lineId = actionLines.get(i);
            try {
                connection.sendAction(action, response -> {
                    if (response instanceof ManagerError) {
                        failed.add(lineId + ": " + action.getAction() + " answered: " + response.getMessage());
                    }
                    answered.countDown();
                });
            } catch (IOException | IllegalStateException e) {
                failed.add(lineId + ": " + action.getAction() + ": " + e.getMessage());
                answered.countDown();
            }
        }
        boolean all;
        try {
            all = answered.await(ACTION_TIMEOUT_MS + actions.size(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!all) {
            failed.add(answered.getCount() + " of " + actions.size() + " actions unanswered");
        }
        if (failed.isEmpty()) {
            health = health.pushed(clock.instant());
            log.debug("AMI: {} line(s) pushed", lines.size());
        } else {
            problem("AMI: pushing " + (lines.size() == 1 ? "line " + lines.get(0) : lines.size() + " lines") + " failed: "
                    + failed.get(0) + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more)" : "")
                    + " (will retry at the next check)");
        }
    }

    /** Pushes one line again (drift found by the check). */
    private void pushLine(String lineId) {
        dirty.add(lineId);
        pushDirty();
    }

    /** Sets the dialplan's {@code AH_ROUTING} to {@code pbx.routing}, when it says otherwise (a dialplan reload resets it). */
    private void applyRouting() {
        if (!connected()) {
            return;
        }
        String wanted = settings.routing().word();
        try {
            String found = ask(new GetVarAction(PbxContract.ROUTING_VARIABLE)).getAttribute("value");
            if (!wanted.equals(found == null ? null : found.strip())) {
                send(new SetVarAction(PbxContract.ROUTING_VARIABLE, wanted));
                log.info("AMI: routing set to {} in the PBX (it said {})", wanted, found);
            }
        } catch (ActionFailed e) {
            problem("AMI: setting " + PbxContract.ROUTING_VARIABLE + "=" + wanted + " failed: " + e.getMessage());
        }
    }

    /** At every login: what the PBX lacks of what the service relies on, in /health and one WARN. */
    private void selfCheck() {
        List<String> found;
        try {
            found = PbxSelfCheck.run(this::ask);
        } catch (ActionFailed e) {
            found = List.of("the PBX self-check could not run: " + e.getMessage());
        }
        health = health.checked(untimedEvents ? concat(found, UNTIMED) : found, clock.instant());
        if (!found.isEmpty()) {
            log.warn("AMI: the PBX lacks what Afterhours relies on: {}", String.join("; ", found));
        }
    }

    private synchronized void missing(String problem) {
        if (!health.missing().contains(problem)) {
            health = health.missing(concat(health.missing(), problem));
            log.warn("AMI: {}", problem);
        }
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> out = new ArrayList<>(list);
        out.add(more);
        return out;
    }

    /** Reads back every line's keys and lamp; repairs and logs what drifted. */
    void verify() {
        if (!connected()) {
            return;
        }
        applyRouting();
        if (desired.isEmpty()) {
            return;
        }
        try {
            Map<String, List<String>> drifted = PushedStateCheck.drift(List.copyOf(desired.values()), readTree(),
                    name -> send(new GetVarAction(name)).getAttribute("value"));
            drifted.forEach((lineId, drift) -> {
                log.warn("AMI: line {} drifted in the PBX: {}; repairing", lineId, String.join(", ", drift));
                pushLine(lineId);
            });
        } catch (ActionFailed | RuntimeException e) {
            problem("AMI: checking the pushed state failed: " + e.getMessage());
        }
    }

    private Map<String, String> readTree() throws ActionFailed {
        return readTree(ASTDB_FAMILY, ACTION_TIMEOUT_MS);
    }

    /** The keys (without the family) and values under an AstDB family; empty when it has none. */
    private Map<String, String> readTree(String family, long timeoutMillis) throws ActionFailed {
        Map<String, String> tree = new HashMap<>();
        ResponseEvents answer;
        try {
            answer = connection.sendEventGeneratingAction(new DbGetTreeAction(family), timeoutMillis);
        } catch (IOException | EventTimeoutException | IllegalStateException e) {
            throw new ActionFailed("DBGetTree: " + e.getMessage());
        }
        if (answer.getResponse() instanceof ManagerError error) {
            // an empty family is an error answer ("Database entry not found")
            log.debug("AMI: DBGetTree {}: {}", family, error.getMessage());
            return tree;
        }
        String prefix = "/" + family + "/";
        for (var event : answer.getEvents()) {
            if (event instanceof DbGetTreeResponseEvent item && item.getKey() != null && item.getKey().startsWith(prefix)) {
                tree.put(item.getKey().substring(prefix.length()), item.getVal());
            }
        }
        return tree;
    }

    /** Asterisk's answer to an action, an error answer included; only a lost or silent connection throws. */
    private ManagerResponse ask(ManagerAction action) throws ActionFailed {
        try {
            return connection.sendAction(action, ACTION_TIMEOUT_MS);
        } catch (IOException | TimeoutException | IllegalStateException e) {
            throw new ActionFailed(action.getAction() + ": " + e.getMessage());
        }
    }

    private ManagerResponse send(ManagerAction action) throws ActionFailed {
        ManagerResponse response = ask(action);
        if (response instanceof ManagerError) {
            throw new ActionFailed(action.getAction() + " answered: " + response.getMessage());
        }
        return response;
    }

    private void problem(String message) {
        PbxHealth before = health;
        health = before.problem(connected(), message);
        if (!message.equals(before.lastProblem())) {
            log.warn(message);
        } else {
            log.debug(message);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (spool != null) {
            spool.close();
        }
        BackgroundThreads.stop(worker);
        PingThread p = pinger;
        if (p != null) {
            p.die();
        }
        if (connected()) {
            try {
                connection.logoff();
            } catch (RuntimeException e) {
                log.debug("AMI logoff failed: {}", e.toString());
            }
        }
        events.close();
    }

    /** An AMI action that failed or was refused; the message names the action. */
    static final class ActionFailed extends Exception {
        private static final long serialVersionUID = 1L;

        ActionFailed(String message) {
            super(message);
        }
    }
}
