package afterhours.admin;

import afterhours.audit.AuditLog;
import afterhours.calllog.CallStore;
import afterhours.line.LineRepository;
import afterhours.notify.Outbox;
import afterhours.notify.RecipientRules;
import afterhours.notify.RecipientStore;
import afterhours.store.Database;
import afterhours.store.StoreException;
import afterhours.subject.Subjects;
import afterhours.switching.SwitchStore;
import afterhours.switching.Switchboard;
import afterhours.users.Principal;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Clock;


import afterhours.users.Accounts;
import afterhours.users.UserStore;

import afterhours.json.Json;
import afterhours.users.Passwords;
import afterhours.users.Role;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.AcceptRateLimit;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.javalin.util.JavalinBindException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoint: {@code /health} without authentication, {@code /api/v1} with a user's password or
 * an API token and the role each route requires. Bodies over 64 KiB are refused; every error is JSON.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    static final String PRINCIPAL = "afterhours.principal";
    static final long MAX_BODY = BodyLimit.MAX_BODY;
    /**
     * Requests handled at once, requests waiting for a thread, header bytes, idle time of a connection. Few
     * threads on purpose: the endpoint shares the cores with FastAGI, and every runnable admin thread
     * delays a call's answer under a flood (16 threads: FastAGI p99 ×4–13 during the flood test; 2: ×1.6).
     */
    static final int MAX_REQUESTS = 2;
    static final int MAX_QUEUED = 64;
    /** Jetty's own threads: one accepts connections, one selector reads them (headers never hold a request thread). */
    private static final int ACCEPTORS = 1;
    private static final int SELECTORS = 1;
    static final int MAX_HEADER = 8 * 1024;
    static final long IDLE_MILLIS = 10_000;
    /**
     * Connections open at once and new connections per second: past them Jetty stops accepting until one
     * closes or the second is over, so a crowd reconnecting in a loop waits in the kernel's backlog instead
     * of taking the core FastAGI answers on (the flood test: p99 x1.3-2.2 of unloaded without them).
     */
    static final int MAX_CONNECTIONS = 32;
    static final int MAX_ACCEPTS_PER_SECOND = 40;
    /** With every connection taken, an idle one is dropped after this long instead of {@link #IDLE_MILLIS}. */
    static final long CROWDED_IDLE_MILLIS = 1_000;

    private final Javalin app;

    /** The page may load only its own files: no inline script, no other origin, not framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Sessions sessions;
    private final Authenticator authenticator;
    private final UserStore users;
    private final SetupCode setup;
    private final Clock clock;
    private final String trustedProxy;
    /** Where {@link #start} listens; read when Jetty builds its connector during the start. */
    private volatile String bind;
    private volatile int port;

    /** @param setup the first login's code while no user exists; null once one does */
    AdminServer(AdminApi api, Authenticator authenticator, UserStore users, SetupCode setup,
                Supplier<Map<String, Object>> health, Clock clock, String trustedProxy) {
        this.authenticator = authenticator;
        this.trustedProxy = trustedProxy;
        this.users = users;
        this.setup = setup;
        this.clock = clock;
        this.sessions = new Sessions(clock, users);
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = MAX_BODY;
            // a fixed slice of the process: at most MAX_REQUESTS requests at once, MAX_QUEUED waiting, the rest
            // refused; headers (and so the URL) at most MAX_HEADER bytes; bodies bounded while they arrive
            config.jetty.threadPool = new QueuedThreadPool(ACCEPTORS + SELECTORS + MAX_REQUESTS, 2, 60_000,
                    new BlockingArrayQueue<>(MAX_QUEUED));
            // the connector is ours (not Jetty's default, whose selector count grows with the cores)
            config.jetty.addConnector((server, httpConfig) -> {
                ServerConnector connector = new ServerConnector(server, ACCEPTORS, SELECTORS,
                        new HttpConnectionFactory(httpConfig));
                connector.setHost(bind);
                connector.setPort(port);
                connector.setIdleTimeout(IDLE_MILLIS);   // a client that sends nothing is dropped
                return connector;
            });
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrors());   // Jetty's own refusals in the API's JSON too
                ConnectionLimit connections = new ConnectionLimit(MAX_CONNECTIONS, server);
                connections.setIdleTimeout(CROWDED_IDLE_MILLIS);
                server.addBean(connections);
                server.addBean(new AcceptRateLimit(MAX_ACCEPTS_PER_SECOND, 1, TimeUnit.SECONDS, server));
            });
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_HEADER);
                http.setSendServerVersion(false);
            });
            config.jetty.modifyServletContextHandler(handler -> {
                handler.addFilter(new FilterHolder(new BodyLimit()), "/*", EnumSet.of(DispatcherType.REQUEST));
                handler.setErrorHandler(new JsonErrors());
            });
        });
        // the page's files, read once; explicit routes rather than a file handler, which answered
        // odd paths such as /x/. with a 500 (found by the fuzz test)
        page(app, "/", "index.html", "text/html; charset=utf-8");
        page(app, "/app.js", "app.js", "text/javascript; charset=utf-8");
        page(app, "/i18n.js", "i18n.js", "text/javascript; charset=utf-8");
        page(app, "/app.css", "app.css", "text/css; charset=utf-8");
        page(app, "/missed.js", "missed.js", "text/javascript; charset=utf-8");
        page(app, "/forms.js", "forms.js", "text/javascript; charset=utf-8");
        page(app, "/users.js", "users.js", "text/javascript; charset=utf-8");
        page(app, "/lines.js", "lines.js", "text/javascript; charset=utf-8");
        app.get("/health", ctx -> ctx.json(health.get()));
        app.post("/login", this::login);
        app.post("/setup", this::setup);
        app.post("/logout", ctx -> {
            sessions.close(ctx.cookie(Sessions.COOKIE));
            ctx.removeCookie(Sessions.COOKIE, "/");
            ctx.status(204);
        });
        // the page asks who is logged in before it knows: an answer, not a 401 in the browser's console
        app.get("/session", ctx -> {
            Sessions.Session session = sessions.find(ctx.cookie(Sessions.COOKIE)).orElse(null);
            ctx.header("Cache-Control", "no-store");
            ctx.json(session == null ? Map.of("loggedIn", false)
                    : Map.of("loggedIn", true, "name", session.principal().name(), "role", session.principal().role().key(),
                    "csrf", session.csrf()));
        });
        app.beforeMatched(this::authorize);
        app.get("/api/v1/session", ctx -> {
            Principal p = AdminApi.who(ctx);
            String csrf = sessions.find(ctx.cookie(Sessions.COOKIE)).map(Sessions.Session::csrf).orElse(null);
            ctx.json(Map.of("name", p.name(), "role", p.role().key(), "csrf", csrf == null ? "" : csrf));
        }, Access.ADMIN, Access.VIEWER, Access.CONTRACTOR, Access.RECEPTION);
        api.routes(app);
        app.after(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "DENY");
            if (ctx.path().startsWith("/api/")) {
                ctx.header("Cache-Control", "no-store");
            }
        });
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e));
        app.exception(InvalidField.class, (e, ctx) -> error(ctx, ApiError.invalid(e)));
        app.exception(Accounts.NotFound.class, (e, ctx) -> error(ctx, ApiError.notFound(e.getMessage())));
        // the database did not take the change (another process held it past the 10 s busy timeout, or the
        // disk refused it): nothing was changed, and the same request can simply be sent again
        app.exception(StoreException.class, (e, ctx) -> {
            log.warn("Admin API: {} {}: {}", ctx.method(), loggedPath(ctx), e.getMessage());
            ctx.header("Retry-After", "5");
            error(ctx, 503, Failure.UNAVAILABLE, "the database did not complete the request, so nothing was changed; try again in a few seconds");
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("Admin API: {} {} failed: {}", ctx.method(), loggedPath(ctx), e.toString(), e);
            error(ctx, 500, Failure.INTERNAL, "the request failed on the server; see the service log");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !ctx.res().getContentType().startsWith("application/json")) {
                error(ctx, 404, Failure.NOT_FOUND, "no such resource: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(413, ctx -> error(ctx, 413, Failure.TOO_LARGE, "the body is larger than " + MAX_BODY + " bytes"));
        app.error(405, ctx -> error(ctx, 405, Failure.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path()));
    }

    /** A request's path as the log may hold it: a caller's number in a subject's path is left out. */
    static String loggedPath(Context ctx) {
        return ctx.path().startsWith(SubjectsApi.PATH_PREFIX) ? SubjectsApi.PATH_PREFIX + "{number}" : ctx.path();
    }

    /** The endpoint with its API, wired to the running service's parts. */
    public static AdminServer create(Database db, LineRepository repository,
                                     AuditLog audit, Switchboard switchboard,
                                     SwitchStore switches, CallStore calls,
                                     Clock clock, Supplier<Map<String, Object>> pbx,
                                     Supplier<Map<String, Object>> health, Supplier<String> metrics,
                                     SetupCode setup, String trustedProxy, RecipientStore recipients,
                                     RecipientRules recipientRules, Outbox outbox, Subjects subjects) {
        AdminService service = new AdminService(db, repository, audit, switchboard, clock, outbox);
        AdminApi api = new AdminApi(service, switchboard, calls, switches, audit, clock, pbx);
        UserStore users = new UserStore(db);
        AdminServer server = new AdminServer(api, new Authenticator(users, clock), users, setup, health, clock, trustedProxy);
        server.app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()),
                Access.ADMIN, Access.VIEWER);
        new NotificationsApi(service, db, recipients, recipientRules, outbox, audit, clock).routes(server.app);
        new MissedCallsApi(service, db, calls.missed(), audit, clock).routes(server.app);
        new SubjectsApi(subjects, switchboard, clock).routes(server.app);
        new UsersApi(new Accounts(users, audit), clock).routes(server.app);
        return server;
    }

    private static void page(Javalin app, String path, String file, String type) {
        byte[] bytes;
        try (java.io.InputStream in = AdminServer.class.getResourceAsStream("/web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the page file " + file + " is missing from the build");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        app.get(path, ctx -> ctx.contentType(type).result(bytes));
    }

    /** The page's login: the same password check as the API, then a session cookie and a CSRF token. */
    private void login(Context ctx) {
        JsonNodeReader body = JsonNodeReader.of(ctx);
        String name = body.text("name");
        String password = body.text("password");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (name + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Authenticator.Result result = authenticator.authenticate(basic, clientAddress(ctx));
        if (result instanceof Authenticator.TooMany tooMany) {
            throw tooMany(ctx, tooMany);
        }
        if (!(result instanceof Authenticator.Allowed allowed)) {
            throw new ApiError(401, Failure.UNAUTHORIZED, null, "wrong name or password");
        }
        String id = sessions.open(allowed.principal())
                .orElseThrow(() -> new ApiError(401, Failure.UNAUTHORIZED, null, "wrong name or password"));
        ctx.header("Set-Cookie", Sessions.COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        Sessions.Session session = sessions.find(id).orElseThrow();
        ctx.json(Map.of("name", allowed.principal().name(), "role", allowed.principal().role().key(), "csrf", session.csrf()));
    }

    /**
     * The first login: with the setup code from the console, whoever opens the setup link chooses the first
     * admin's name and password, and is logged in. Refused once any user exists; a bad name or password
     * leaves the code usable, a wrong, used or expired code is refused.
     */
    private void setup(Context ctx) {
        JsonNodeReader body = JsonNodeReader.of(ctx);
        if (users.admins() > 0) {
            throw new ApiError(409, Failure.SETUP_DONE, null, "the first admin exists already: log in");
        }
        // a setup code is a secret like a password: wrong ones count against the address the same way
        String address = clientAddress(ctx);
        Authenticator.TooMany wait = authenticator.refused(address).orElse(null);
        if (wait != null) {
            throw tooMany(ctx, wait);
        }
        if (setup == null || !setup.matches(body.text("code"), clock.instant())) {
            authenticator.failed(address);
            throw new ApiError(403, Failure.SETUP_CODE, "code", "wrong, used or expired setup code: restart the service for"
                    + " a new one, or create a user with 'afterhours user add NAME --role admin'");
        }
        String name = UserStore.checkName(body.text("name"));
        String hash = Passwords.hash(body.text("password"));
        if (!setup.use()) {
            throw new ApiError(403, Failure.SETUP_CODE, "code", "this setup code was used meanwhile");
        }
        users.put(name, Role.ADMIN, hash, clock.instant());
        log.info("Admin endpoint: first admin {} created through the setup link", name);
        Principal admin = new Principal(name, Role.ADMIN);
        String id = sessions.open(admin).orElseThrow(() -> new ApiError(401, Failure.UNAUTHORIZED, null, "log in"));
        ctx.header("Set-Cookie", Sessions.COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        ctx.json(Map.of("name", name, "role", Role.ADMIN.key(), "csrf", sessions.find(id).orElseThrow().csrf()));
    }

    /**
     * Routes with roles need an allowed principal, from a password or token header (scripts) or from the
     * page's session cookie; with the cookie, a change must also carry the session's CSRF token. Routes
     * without roles (health, the page's files) are public.
     */
    private void authorize(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        if (ctx.header("Authorization") == null) {
            Sessions.Session session = sessions.find(ctx.cookie(Sessions.COOKIE)).orElse(null);
            if (session != null) {
                boolean change = !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD");
                if (change && !session.csrf().equals(ctx.header(Sessions.CSRF_HEADER))) {
                    throw new ApiError(403, Failure.CSRF, null, "missing or wrong " + Sessions.CSRF_HEADER + " header");
                }
                allow(ctx, roles, session.principal());
                return;
            }
        }
        String authorization = ctx.header("Authorization");
        if (authorization == null && ctx.path().endsWith(".ics") && ctx.queryParam("token") != null) {
            // calendar clients subscribe by URL and cannot send headers: the feed takes its token in the query
            authorization = "Bearer " + ctx.queryParam("token");
        }
        Authenticator.Result result = authenticator.authenticate(authorization, clientAddress(ctx));
        if (result instanceof Authenticator.TooMany tooMany) {
            throw tooMany(ctx, tooMany);
        }
        if (!(result instanceof Authenticator.Allowed allowed)) {
            if (ctx.header("X-Requested-With") == null) {
                // not for the page's own requests: the browser would show its password dialog over the page
                ctx.header("WWW-Authenticate", "Basic realm=\"afterhours\", charset=\"UTF-8\"");
            }
            throw new ApiError(401, Failure.UNAUTHORIZED, null, "log in with a user's password or an API token");
        }
        allow(ctx, roles, allowed.principal());
    }

    /** The 429 for a limit reached, with Retry-After and the limit's own code. */
    private static ApiError tooMany(Context ctx, Authenticator.TooMany tooMany) {
        long seconds = Math.max(1, (tooMany.retryAfter().toMillis() + 999) / 1000);
        ctx.header("Retry-After", Long.toString(seconds));
        if (tooMany.limit() == LoginThrottle.Limit.LOCKOUT) {
            return ApiError.tooMany(Rule.LOGIN_LOCKOUT, Map.of("seconds", seconds, "failures", LoginThrottle.LOCKOUT_FAILURES,
                    "minutes", LoginThrottle.WINDOW.toMinutes()), LoginThrottle.LOCKOUT_FAILURES + " failed logins from this address"
                    + " within " + LoginThrottle.WINDOW.toMinutes() + " minutes: it may try again in " + seconds + " s");
        }
        return ApiError.tooMany(Rule.LOGIN_BACKOFF, Map.of("seconds", seconds, "free", LoginThrottle.FREE_FAILURES),
                "failed logins from this address: it may try again in " + seconds + " s");
    }

    private static void allow(Context ctx, Set<RouteRole> roles, Principal principal) {
        if (!roles.contains(Access.of(principal.role()))) {
            throw new ApiError(403, Failure.FORBIDDEN, null, "the role " + principal.role().key() + " may not do this");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    private static void error(Context ctx, int status, Failure failure, String message) {
        error(ctx, new ApiError(status, failure, null, message));
    }

    private static void error(Context ctx, ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.kind());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        body.put("code", e.code());
        body.put("params", e.params());
        body.put("message", e.getMessage());
        ctx.status(e.status()).json(body);
    }

    /**
     * Who is asking: the socket's peer, or, when that is the configured reverse proxy, the address the proxy
     * put last in {@code X-Forwarded-For} (what a client writes there itself is not believed).
     */
    String clientAddress(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        String forwarded = ctx.header("X-Forwarded-For");
        if (trustedProxy == null || forwarded == null || forwarded.isBlank() || !trustedProxy.equals(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].strip();
    }

    /**
     * Listens on {@code bind:port}.
     *
     * @throws UncheckedIOException with a {@link BindException} naming the address and port when they cannot be
     *                              bound (taken by another instance or program)
     */
    public AdminServer start(String bind, int port) {
        this.bind = bind;
        this.port = port;
        try {
            app.start();
        } catch (JavalinBindException e) {
            BindException taken = new BindException("the admin port " + port + " on " + bind + " cannot be bound ("
                    + rootMessage(e) + "): another instance or program may listen there");
            taken.initCause(e);
            throw new UncheckedIOException(taken);
        }
        return this;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
