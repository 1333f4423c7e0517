package afterhours.admin;

import afterhours.json.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
    static final long MAX_BODY = 64 * 1024;

    private final Javalin app;

    AdminServer(AdminApi api, Authenticator authenticator, Supplier<Map<String, Object>> health) {
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = MAX_BODY;
        });
        app.get("/health", ctx -> ctx.json(health.get()));
        app.beforeMatched(ctx -> authorize(ctx, authenticator));
        api.routes(app);
        app.after(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
        });
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.field(), e.getMessage()));
        app.exception(afterhours.config.ConfigException.class, (e, ctx) -> error(ctx, 400, "invalid", e.key(), e.problem()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> {
            ApiError invalid = invalid(e);
            error(ctx, 400, invalid.code(), invalid.field(), invalid.getMessage());
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("Admin API: {} {} failed: {}", ctx.method(), ctx.path(), e.toString(), e);
            error(ctx, 500, "internal", null, "the request failed on the server; see the service log");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !ctx.res().getContentType().startsWith("application/json")) {
                error(ctx, 404, "not_found", null, "no such resource: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(413, ctx -> error(ctx, 413, "too_large", null, "the body is larger than " + MAX_BODY + " bytes"));
        app.error(405, ctx -> error(ctx, 405, "method_not_allowed", null, ctx.method() + " is not allowed on " + ctx.path()));
    }

    /** The endpoint with its API, wired to the running service's parts. */
    public static AdminServer create(afterhours.store.Database db, afterhours.line.LineRepository repository,
                                     afterhours.audit.AuditLog audit, afterhours.switching.Switchboard switchboard,
                                     afterhours.switching.SwitchStore switches, afterhours.calllog.CallStore calls,
                                     java.time.Clock clock, Supplier<Map<String, Object>> pbx,
                                     Supplier<Map<String, Object>> health) {
        AdminService service = new AdminService(db, repository, audit, switchboard, clock);
        AdminApi api = new AdminApi(service, switchboard, calls, switches, audit, clock, pbx);
        return new AdminServer(api, new Authenticator(new UserStore(db), clock), health);
    }

    /** Routes with roles need an allowed principal; routes without (health) are public. */
    private static void authorize(Context ctx, Authenticator authenticator) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        Authenticator.Result result = authenticator.authenticate(ctx.header("Authorization"), ctx.ip());
        if (result instanceof Authenticator.TooMany tooMany) {
            ctx.header("Retry-After", Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())));
            throw new ApiError(429, "too_many_failures", null, "too many failed logins from this address; wait and retry");
        }
        if (!(result instanceof Authenticator.Allowed allowed)) {
            ctx.header("WWW-Authenticate", "Basic realm=\"afterhours\", charset=\"UTF-8\"");
            throw new ApiError(401, "unauthorized", null, "log in with a user's password or an API token");
        }
        if (!roles.contains(allowed.principal().role())) {
            throw new ApiError(403, "forbidden", null, "the role " + allowed.principal().role().key() + " may not do this");
        }
        ctx.attribute(PRINCIPAL, allowed.principal());
    }

    /** Bad input found below the API: "field: problem" becomes a 400 naming the field. */
    static ApiError invalid(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "invalid input" : e.getMessage();
        String key = afterhours.config.ConfigException.keyOf(m);
        return ApiError.invalid(key, key.isEmpty() ? m : m.substring(key.length() + 2));
    }

    private static void error(Context ctx, int status, String code, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        if (field != null) {
            body.put("field", field);
        }
        body.put("message", message);
        ctx.status(status).json(body);
    }

    public AdminServer start(String bind, int port) {
        app.start(bind, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
