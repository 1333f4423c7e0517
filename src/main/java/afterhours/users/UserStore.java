package afterhours.users;

import afterhours.store.Database;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Users (bcrypt password hashes) and API tokens (SHA-256 hashes). */
public final class UserStore {
    /** A stored user. */
    public record User(String name, Role role, String passwordHash) { }

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    /** A user name: 1-64 letters, digits and {@code . _ @ -}. */
    public static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new InvalidField("name", Rule.USER_NAME, Map.of("value", String.valueOf(name)),
                    "1-64 letters, digits and . _ @ -, was '" + name + "'");
        }
        return name;
    }

    /** Adds or replaces a user. */
    public void put(String name, Role role, String passwordHash, Instant now) {
        checkName(name);
        db.write("storing user " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (name, role, password_hash, created_at)"
                    + " VALUES (?,?,?,?) ON CONFLICT (name) DO UPDATE SET role=excluded.role, password_hash=excluded.password_hash")) {
                ps.setString(1, name);
                ps.setString(2, role.key());
                ps.setString(3, passwordHash);
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<User> find(String name) {
        return db.read("reading user", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, role, password_hash FROM app_user WHERE name=?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new User(rs.getString(1), Role.of(rs.getString(2)), rs.getString(3)))
                            : Optional.<User>empty();
                }
            }
        });
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
        return db.read("counting admins", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM app_user WHERE role = 'admin'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Stores a token's hash; the token itself is shown once to whoever created it. */
    public void addToken(String label, Role role, String tokenHash, Instant now) {
        db.write("storing an API token", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_token (label, role, token_hash, created_at) VALUES (?,?,?,?)")) {
                ps.setString(1, label);
                ps.setString(2, role.key());
                ps.setString(3, tokenHash);
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Principal> findToken(String tokenHash) {
        return db.read("reading API token", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT label, role FROM api_token WHERE token_hash=?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Principal(rs.getString(1), Role.of(rs.getString(2))))
                            : Optional.<Principal>empty();
                }
            }
        });
    }
}
