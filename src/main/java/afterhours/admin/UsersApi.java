package afterhours.admin;

import static afterhours.admin.Access.ADMIN;

import afterhours.json.Binding;
import afterhours.users.Accounts;
import afterhours.users.Role;
import afterhours.users.UserStore;
import afterhours.validation.Choice;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Users and API tokens for admins, with the rules of {@link Accounts} (the command line's too): a password given
 * or generated and shown once, a token's secret shown once, the last admin kept, one's own account neither
 * removed nor demoted.
 */
final class UsersApi {
    /** {@code POST /users}: without a password, one is generated and answered once. */
    record NewUser(String name, String role, String password) { }

    /** {@code PATCH /users/{name}}: a new role, and a new password given or generated ({@code "generatePassword": true}). */
    record UserChange(String role, String password, String generatePassword) { }

    /** {@code POST /tokens}. */
    record NewToken(String label, String role) { }

    private final Accounts accounts;
    private final Clock clock;

    UsersApi(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    void routes(Javalin app) {
        app.get("/api/v1/users", ctx -> ctx.json(accounts.users().stream().map(this::view).toList()), ADMIN);
        app.post("/api/v1/users", this::add, ADMIN);
        app.patch("/api/v1/users/{name}", this::change, ADMIN);
        app.delete("/api/v1/users/{name}", ctx -> {
            accounts.remove(by(ctx), ctx.pathParam("name"), clock.instant());
            ctx.status(204);
        }, ADMIN);
        app.get("/api/v1/tokens", ctx -> ctx.json(accounts.tokens().stream().map(this::view).toList()), ADMIN);
        app.post("/api/v1/tokens", ctx -> {
            NewToken n = Binding.json(JsonBody.object(ctx), NewToken.class, "");
            Accounts.CreatedToken created = accounts.createToken(by(ctx), n.label(), role(n.role()), clock.instant());
            Map<String, Object> out = view(created.token());
            out.put("token", created.secret());
            ctx.status(201).json(out);
        }, ADMIN);
        app.delete("/api/v1/tokens/{id}", ctx -> {
            accounts.revokeToken(by(ctx), AdminApi.longParam(ctx.pathParam("id"), "id"), clock.instant());
            ctx.status(204);
        }, ADMIN);
    }

    private void add(Context ctx) {
        NewUser n = Binding.json(JsonBody.object(ctx), NewUser.class, "");
        Role role = role(n.role());
        Accounts.Added added = accounts.add(by(ctx), n.name(), role, n.password(), clock.instant());
        ctx.status(201).json(withPassword(view(added.user()), added.generatedPassword()));
    }

    private void change(Context ctx) {
        UserChange change = Binding.json(JsonBody.object(ctx), UserChange.class, "");
        Accounts.Changed changed = accounts.change(by(ctx), ctx.pathParam("name"), new Accounts.Change(
                change.role() == null ? null : role(change.role()), change.password(),
                change.generatePassword() != null && Choice.bool(change.generatePassword(), "generatePassword")), clock.instant());
        ctx.json(withPassword(view(changed.user()), changed.generatedPassword()));
    }

    private static Role role(String text) {
        return Choice.of(Role.values(), Role::key, text, "role");
    }

    private static Accounts.Actor by(Context ctx) {
        return Accounts.Actor.of(AdminApi.who(ctx));
    }

    private Map<String, Object> view(UserStore.Listed u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("role", u.role().key());
        m.put("createdAt", u.createdAt().toString());
        return m;
    }

    private Map<String, Object> view(UserStore.Token t) {
        Map<String, Object> m = new LinkedHashMap<>(Accounts.tokenView(t));
        m.put("createdAt", t.createdAt().toString());
        return m;
    }

    /** A generated password, answered once: it is stored only as a hash. */
    private static Map<String, Object> withPassword(Map<String, Object> view, Optional<String> generated) {
        generated.ifPresent(p -> view.put("password", p));
        return view;
    }
}
