package afterhours.pbx.agi;

import afterhours.config.AppConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.NamedAgiScript;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk-Java's FastAGI server with its scripts registered by name (a duplicate name fails start-up),
 * a bounded pool (beyond its maximum a connection is refused at once, so the dialplan's fallback takes
 * over instead of the caller waiting) and a shutdown that lets running scripts finish.
 */
public final class FastAgiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);
    /** A connection that sends nothing for this long is dropped (Asterisk answers in milliseconds). */
    static final int READ_TIMEOUT_MS = 10_000;

    private final Server server;
    private final Thread thread;
    private final AppConfig.FastAgi settings;

    public FastAgiServer(AppConfig.FastAgi settings, List<NamedAgiScript> scripts) throws IOException {
        this.settings = settings;
        Map<String, AgiScript> byName = new HashMap<>();
        for (NamedAgiScript script : scripts) {
            if (byName.put(script.getName(), script) != null) {
                throw new IllegalStateException("two FastAGI scripts are named '" + script.getName() + "'");
            }
        }
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(byName);
        server = new Server(mapping, settings.poolSize(), settings.maxPoolSize());
        server.setPort(settings.port());
        server.setAddress(InetAddress.getByName(settings.bind()));
        server.setSocketReadTimeout(READ_TIMEOUT_MS);
        thread = new Thread(this::serve, "fastagi-accept");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public AppConfig.FastAgi settings() {
        return settings;
    }

    private void serve() {
        try {
            server.startup();
        } catch (IOException e) {
            log.error("FastAGI: cannot listen on {}:{}: {} (calls fall back to the dialplan's AstDB layer)",
                    settings.bind(), settings.port(), e.getMessage());
        }
    }

    /** Stops accepting, then waits (up to 10 s) for the scripts in flight to answer. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitScripts(10, TimeUnit.SECONDS);
    }

    /** Keeps a handle on the pool so shutdown can wait for the calls in flight. */
    private static final class Server extends DefaultAgiServer {
        private volatile ThreadPoolExecutor pool;

        Server(SimpleMappingStrategy mapping, int core, int max) {
            super(mapping);
            setPoolSize(core);
            setMaximumPoolSize(max);
        }

        @Override
        protected ThreadPoolExecutor createPool() {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor p = new ThreadPoolExecutor(getPoolSize(), getMaximumPoolSize(), 60, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), r -> {
                        Thread t = new Thread(r, "fastagi-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool = p;
            return p;
        }

        void awaitScripts(long time, TimeUnit unit) {
            ThreadPoolExecutor p = pool;
            if (p == null) {
                return;
            }
            try {
                if (!p.awaitTermination(time, unit)) {
                    log.warn("FastAGI: {} script(s) still running at shutdown", p.getActiveCount());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
