package afterhours.users;

import afterhours.store.Database;
import afterhours.store.Dialect;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users (bcrypt password hashes) and API tokens (SHA-256 hashes): the rows. Changes that must keep the rules
 * (the last admin, one's own account) go through {@link Accounts}.
 */
public final class UserStore {
    /** A stored user. */
    public record User(String name, Role role, String passwordHash) {
        /**
         * What a login of this user was granted on: their role and password. A session opened with one stamp ends
         * when the user's stamp is another (a role changed, a password reset) or there is no user any more.
         */
        public String stamp() {
            return Passwords.tokenHash(role.key() + "\n" + passwordHash);
        }
    }

    /** A user as listed: never the password's hash. */
    public record Listed(String name, Role role, Instant createdAt) { }

    /** A token as listed: never its hash. */
    public record Token(long id, String label, Role role, Instant createdAt) { }

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    Database database() {
        return db;
    }

    /** A user name: 1-64 letters, digits and {@code . _ @ -}. */
    public static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidField("name", Rule.REQUIRED, "is required");
        }
        if ( !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new InvalidField("name", Rule.USER_NAME, Map.of("value", String.valueOf(name)),
                    "1-64 letters, digits and . _ @ -, was '" + name + "'");
        }
        return name;
    }

    /** Adds or replaces a user, with no rule checked: tests and the first admin of the setup link. */
    public void put(String name, Role role, String passwordHash, Instant now) {
        checkName(name);
        db.write("storing user " + name, c -> {
            put(c, name, role, passwordHash, now);
            return null;
        });
    }

    void put(Connection c, String name, Role role, String passwordHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (name, role, password_hash, created_at)"
                + " VALUES (?,?,?,?) ON CONFLICT (name) DO UPDATE SET role=excluded.role, password_hash=excluded.password_hash")) {
            ps.setString(1, name);
            ps.setString(2, role.key());
            ps.setString(3, passwordHash);
            ps.setLong(4, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    public Optional<User> find(String name) {
        return db.read("reading user", c -> find(c, name));
    }

    Optional<User> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, role, password_hash FROM app_user WHERE name=?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new User(rs.getString(1), Role.of(rs.getString(2)), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** Every user, by name. */
    public List<Listed> all() {
        return db.read("listing users", c -> {
            List<Listed> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT name, role, created_at FROM app_user ORDER BY name")) {
                while (rs.next()) {
                    out.add(new Listed(rs.getString(1), Role.of(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
            return out;
        });
    }

    Optional<Listed> listed(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, role, created_at FROM app_user WHERE name=?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Listed(rs.getString(1), Role.of(rs.getString(2)),
                        Instant.ofEpochMilli(rs.getLong(3)))) : Optional.empty();
            }
        }
    }

    void setRole(Connection c, String name, Role role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET role=? WHERE name=?")) {
            ps.setString(1, role.key());
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    void setPasswordHash(Connection c, String name, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET password_hash=? WHERE name=?")) {
            ps.setString(1, hash);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    void remove(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM app_user WHERE name=?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    /** Users (not tokens). */
    public int count() {
        return db.read("counting users", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM app_user")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Users with the admin role: while there is none, the first login's setup link stays open. Tokens never count. */
    public int admins() {
        return db.read("counting admins", this::admins);
    }

    int admins(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM app_user WHERE role = 'admin'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Holds the users' table against other instances' changes until the transaction ends, so the admins counted
     * are still the admins when the change commits (SQLite's write transactions are one at a time already).
     */
    void lock(Connection c) throws SQLException {
        if (db.dialect() == Dialect.POSTGRES) {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE");
            }
        }
    }

    /** Stores a token's hash; the token itself is shown once to whoever created it. */
    public void addToken(String label, Role role, String tokenHash, Instant now) {
        db.write("storing an API token", c -> addToken(c, label, role, tokenHash, now));
    }

    Token addToken(Connection c, String label, Role role, String tokenHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_token (label, role, token_hash, created_at) VALUES (?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, label);
            ps.setString(2, role.key());
            ps.setString(3, tokenHash);
            ps.setLong(4, now.toEpochMilli());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Token(keys.getLong(1), label, role, now);
            }
        }
    }

    /** Every token, oldest first. */
    public List<Token> tokens() {
        return db.read("listing API tokens", c -> {
            List<Token> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id, label, role, created_at FROM api_token ORDER BY id")) {
                while (rs.next()) {
                    out.add(new Token(rs.getLong(1), rs.getString(2), Role.of(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
            return out;
        });
    }

    Optional<Token> token(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, label, role, created_at FROM api_token WHERE id=?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Token(rs.getLong(1), rs.getString(2), Role.of(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4)))) : Optional.empty();
            }
        }
    }

    void removeToken(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE id=?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    public Optional<Principal> findToken(String tokenHash) {
        return db.read("reading API token", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, label, role FROM api_token WHERE token_hash=?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Principal.token(rs.getLong(1), rs.getString(2), Role.of(rs.getString(3))))
                            : Optional.<Principal>empty();
                }
            }
        });
    }
}
