package afterhours.users;

import afterhours.audit.AuditLog;
import afterhours.store.Database;
import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of users and API tokens, for every face that manages them (the API and the command line):
 * a name of {@link UserStore#checkName}, a password of {@link Passwords} (or one generated and shown once),
 * a token's label as free text of at most {@link #MAX_LABEL} characters, its secret shown once and only its
 * hash kept. The last admin is never removed or demoted, and an admin never removes or demotes their own
 * account: both are checked in the transaction that makes the change, with the users' table held, so two
 * admins demoting each other at once cannot leave none. Every change is audited, never with a password or
 * a token.
 */
public final class Accounts {
    /** A token's label: what it is for, e.g. nightly-export. */
    public static final int MAX_LABEL = 64;

    /**
     * Who makes a change: the name the audit trail keeps, and the user account it is acting from (none for an
     * API token or the command line, which may change any account within the rules).
     */
    public record Actor(String name, Optional<String> account) {
        public static final Actor COMMAND_LINE = new Actor("command line", Optional.empty());

        public static Actor of(Principal principal) {
            return new Actor(principal.name(), principal.isToken() ? Optional.empty() : Optional.of(principal.name()));
        }
    }

    /** A user added, and the password made for them when none was given (shown once, never stored). */
    public record Added(UserStore.Listed user, Optional<String> generatedPassword) { }

    /** A token created, and its secret (shown once, only its hash stored). */
    public record CreatedToken(UserStore.Token token, String secret) { }

    /** The account or token asked for does not exist. */
    public static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    private final UserStore store;
    private final Database db;
    private final AuditLog audit;

    public Accounts(UserStore store, AuditLog audit) {
        this.store = store;
        this.db = store.database();
        this.audit = audit;
    }

    public List<UserStore.Listed> users() {
        return store.all();
    }

    public List<UserStore.Token> tokens() {
        return store.tokens();
    }

    /** Adds a user; {@code password} null makes one. A name in use is refused: its role or password is changed instead. */
    public Added add(Actor by, String name, Role role, String password, Instant now) {
        UserStore.checkName(name);
        Optional<String> generated = password == null ? Optional.of(Passwords.generate()) : Optional.empty();
        String hash = Passwords.hash(generated.orElse(password));
        return db.write("adding user " + name, c -> {
            store.lock(c);
            if (store.find(c, name).isPresent()) {
                throw new InvalidField("name", Rule.USER_TAKEN, Map.of("value", name),
                        "a user '" + name + "' exists already: change their role or reset their password instead");
            }
            store.put(c, name, role, hash, now);
            audit.record(c, now, by.name(), "user-added", null, null, entry(name, role));
            return new Added(new UserStore.Listed(name, role, now), generated);
        });
    }

    /**
     * The command line's {@code user add}: adds the user, or gives an existing one this role and password, within
     * the same rules as a role change and a password reset.
     */
    public void save(Actor by, String name, Role role, String password, Instant now) {
        UserStore.checkName(name);
        String hash = Passwords.hash(password);
        db.write("storing user " + name, c -> {
            store.lock(c);
            Optional<UserStore.User> existing = store.find(c, name);
            if (existing.isEmpty()) {
                store.put(c, name, role, hash, now);
                audit.record(c, now, by.name(), "user-added", null, null, entry(name, role));
                return null;
            }
            if (existing.get().role() != role) {
                changeRole(c, by, existing.get(), role, now);
            }
            store.setPasswordHash(c, name, hash);
            audit.record(c, now, by.name(), "user-password-reset", null, null, Map.of("name", name));
            return null;
        });
    }

    /**
     * A change of a user: a new role (null keeps it), and a new password, given or generated (neither keeps it).
     */
    public record Change(Role role, String password, boolean generatePassword) {
        public Change {
            if (generatePassword && password != null) {
                throw new InvalidField("generatePassword", Rule.NOT_BOTH, Map.of("other", "password"),
                        "give a password or generatePassword, not both");
            }
            if (role == null && password == null && !generatePassword) {
                throw new InvalidField("role", Rule.REQUIRED, "give a role, a password or generatePassword: true");
            }
        }
    }

    /** A user changed, and the password generated for them if one was asked for (shown once, never stored). */
    public record Changed(UserStore.Listed user, Optional<String> generatedPassword) { }

    /**
     * Changes a user's role, password or both, all or nothing; never demotes the last admin, nor the admin who
     * asks. A new password ends the user's sessions, as a new role does.
     */
    public Changed change(Actor by, String name, Change change, Instant now) {
        Optional<String> generated = change.generatePassword() ? Optional.of(Passwords.generate()) : Optional.empty();
        String password = generated.orElse(change.password());
        String hash = password == null ? null : Passwords.hash(password);
        return db.write("changing user " + name, c -> {
            store.lock(c);
            UserStore.User user = existing(c, name);
            if (change.role() != null && change.role() != user.role()) {
                changeRole(c, by, user, change.role(), now);
            }
            if (hash != null) {
                store.setPasswordHash(c, name, hash);
                audit.record(c, now, by.name(), "user-password-reset", null, null, Map.of("name", name));
            }
            return new Changed(listed(c, name), generated);
        });
    }

    /** Removes a user; never the last admin, nor the admin who asks. */
    public void remove(Actor by, String name, Instant now) {
        db.write("removing user " + name, c -> {
            store.lock(c);
            UserStore.User user = existing(c, name);
            if (user.role() == Role.ADMIN) {
                keepAnAdmin(c, by, name, "name", "removed");
            }
            store.remove(c, name);
            audit.record(c, now, by.name(), "user-removed", null, entry(name, user.role()), null);
            return null;
        });
    }

    /** Creates a token: its secret is returned once, only its hash is stored. */
    public CreatedToken createToken(Actor by, String label, Role role, Instant now) {
        String checked = FreeText.required(FreeText.check(label, "label"), "label");
        FreeText.atMost(checked, MAX_LABEL, "label");
        String secret = Passwords.newToken();
        UserStore.Token token = db.write("storing an API token", c -> {
            UserStore.Token added = store.addToken(c, checked, role, Passwords.tokenHash(secret), now);
            audit.record(c, now, by.name(), "token-created", null, null, tokenView(added));
            return added;
        });
        return new CreatedToken(token, secret);
    }

    /** Revokes a token: the next request that presents it is refused. */
    public void revokeToken(Actor by, long id, Instant now) {
        db.write("revoking API token " + id, c -> {
            UserStore.Token token = store.token(c, id).orElseThrow(() -> new NotFound("no API token " + id));
            store.removeToken(c, id);
            audit.record(c, now, by.name(), "token-revoked", null, tokenView(token), null);
            return null;
        });
    }

    private void changeRole(Connection c, Actor by, UserStore.User user, Role role, Instant now) throws SQLException {
        if (user.role() == Role.ADMIN) {
            keepAnAdmin(c, by, user.name(), "role", "demoted");
        }
        store.setRole(c, user.name(), role);
        audit.record(c, now, by.name(), "user-role-changed", null, entry(user.name(), user.role()),
                entry(user.name(), role));
    }

    /** An admin about to lose the role: not the one asking, and not the last. */
    private void keepAnAdmin(Connection c, Actor by, String name, String field, String what) throws SQLException {
        if (by.account().filter(name::equals).isPresent()) {
            throw new InvalidField(field, Rule.OWN_ACCOUNT, Map.of("value", name),
                    "an admin cannot be " + what + " by themselves: another admin must do it");
        }
        if (store.admins(c) <= 1) {
            throw new InvalidField(field, Rule.LAST_ADMIN, Map.of("value", name),
                    name + " is the last admin and cannot be " + what + ": make another admin first");
        }
    }

    private UserStore.User existing(Connection c, String name) throws SQLException {
        return store.find(c, name).orElseThrow(() -> new NotFound("no user '" + name + "'"));
    }

    private UserStore.Listed listed(Connection c, String name) throws SQLException {
        return store.listed(c, name).orElseThrow(() -> new NotFound("no user '" + name + "'"));
    }

    /** A user as the audit trail keeps it: the name and the role, never a password nor its hash. */
    private static Map<String, Object> entry(String name, Role role) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("role", role.key());
        return m;
    }

    /** A token as the audit trail keeps it: never its secret nor its hash. */
    public static Map<String, Object> tokenView(UserStore.Token t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("label", t.label());
        m.put("role", t.role().key());
        return m;
    }
}
