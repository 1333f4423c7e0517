package afterhours.pbx.agi;

import afterhours.config.AppConfig;
import java.io.IOException;
import java.net.BindException;
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
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.internal.ServerSocketFacadeImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk-Java's FastAGI server with its scripts registered by name (a duplicate name fails start-up),
 * a bounded pool (beyond its maximum a connection is refused at once, so the dialplan's fallback takes
 * over instead of the caller waiting) and a shutdown that lets running scripts finish. The port is bound in
 * {@link #start}, on the caller's thread, so a port that is taken stops the start instead of a background
 * thread logging it while the service carries on.
 */
public final class FastAgiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);
    /** A connection that sends nothing for this long is dropped (Asterisk answers in milliseconds). */
    static final int READ_TIMEOUT_MS = 10_000;
    /** Connections Asterisk may open before the accept loop takes them (the library's own value). */
    static final int BACKLOG = 200;

    private final Server server;
    private final Thread thread;
    private final AppConfig.FastAgi settings;
    private volatile boolean closed;

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

    /**
     * Binds the port, then accepts on a background thread.
     *
     * @throws BindException naming the address and port when they cannot be bound (taken by another instance or
     *                       program, or not an address of this host)
     */
    public void start() throws BindException {
        server.bind(settings.bind(), settings.port());
        thread.start();
    }

    /** Whether the port is bound and the accepting thread runs: what {@code /health} reports. */
    public boolean listening() {
        return !closed && thread.isAlive() && server.bound();
    }

    public AppConfig.FastAgi settings() {
        return settings;
    }

    private void serve() {
        try {
            server.startup();
        } catch (IOException | RuntimeException e) {
            // the socket is already bound: only a broken accept loop gets here
            log.error("FastAGI: stopped listening on {}:{}: {} (calls fall back to the dialplan's other layers)",
                    settings.bind(), settings.port(), e.toString());
        }
    }

    /** Stops accepting, then waits (up to 10 s) for the scripts in flight to answer. */
    @Override
    public void close() {
        closed = true;
        if (!thread.isAlive()) {
            server.release();   // bound but never accepting (a later part of the start failed), or never bound
            return;
        }
        server.shutdown();
        server.release();   // also when the accept loop had not yet taken the socket
        server.awaitScripts(10, TimeUnit.SECONDS);
    }

    /** Keeps a handle on the pool so shutdown can wait for the calls in flight. */
    private static final class Server extends DefaultAgiServer {
        private volatile ThreadPoolExecutor pool;
        private volatile ServerSocketFacade socket;

        Server(SimpleMappingStrategy mapping, int core, int max) {
            super(mapping);
            setPoolSize(core);
            setMaximumPoolSize(max);
        }

        void bind(String address, int port) throws BindException {
            try {
                ServerSocketFacade s = new ServerSocketFacadeImpl(port, BACKLOG, InetAddress.getByName(address));
                s.setSocketReadTimeout(READ_TIMEOUT_MS);
                socket = s;
            } catch (IOException e) {
                BindException taken = new BindException("the FastAGI port " + port + " on " + address
                        + " cannot be bound (" + e.getMessage() + "): another instance or program may listen there");
                taken.initCause(e);
                throw taken;
            }
        }

        boolean bound() {
            return socket != null;
        }

        /** The library's accept loop listens on the socket bound in {@link #bind}. */
        @Override
        protected ServerSocketFacade createServerSocket() throws IOException {
            ServerSocketFacade s = socket;
            if (s == null) {
                throw new IOException("FastAGI: not bound");
            }
            return s;
        }

        void release() {
            ServerSocketFacade s = socket;
            socket = null;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    log.warn("FastAGI: closing the port failed: {}", e.toString());
                }
            }
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
