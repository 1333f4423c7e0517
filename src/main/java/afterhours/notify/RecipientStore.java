package afterhours.notify;

import afterhours.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * The recipients of each line's notices. A webhook's secret is stored as {@link WebhookSecrets} keeps it (sealed,
 * or an {@code env:} name), never in the clear.
 */
public final class RecipientStore {
    private static final String COLUMNS = "id, line_id, name, channel, address, secret, language, events, down_minutes, created_at";
    private final Database db;
    private final WebhookSecrets secrets;

    /** A store that reads, and adds recipients with their secrets sealed by {@code secrets}. */
    public RecipientStore(Database db, WebhookSecrets secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    /** A store that only reads (it cannot seal a secret, so it adds no recipient). */
    public RecipientStore(Database db) {
        this(db, null);
    }

    /**
     * Stores a recipient (its id is ignored), its secret sealed, and returns it with the id it got and its secret
     * as stored.
     */
    public Recipient add(Connection c, Recipient r) throws SQLException {
        if (secrets == null && r.secret() != null && !r.secret().startsWith(WebhookSecrets.ENV)) {
            throw new IllegalStateException("this recipient store only reads: it has no key to seal a secret with");
        }
        String secret = secrets == null ? r.secret() : secrets.stored(r.secret());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_recipient (line_id, name, channel, address, secret,"
                + " language, events, down_minutes, created_at) VALUES (?,?,?,?,?,?,?,?,?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, r.lineId());
            ps.setString(2, r.name());
            ps.setString(3, r.channel().key());
            ps.setString(4, r.address());
            ps.setString(5, secret);
            ps.setString(6, r.language().getLanguage());
            ps.setString(7, r.events().key());
            ps.setInt(8, r.downMinutes());
            ps.setLong(9, r.createdAt().toEpochMilli());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Recipient(keys.getLong(1), r.lineId(), r.name(), r.channel(), r.address(), secret,
                        r.language(), r.events(), r.downMinutes(), r.createdAt());
            }
        }
    }

    /** Removes a recipient and the messages still waiting for it; false when the line has no such recipient. */
    public boolean remove(Connection c, String lineId, long id) throws SQLException {
        try (PreparedStatement out = c.prepareStatement("DELETE FROM notify_outbox WHERE recipient_id=?");
             PreparedStatement ps = c.prepareStatement("DELETE FROM notify_recipient WHERE id=? AND line_id=?")) {
            out.setLong(1, id);
            out.executeUpdate();
            ps.setLong(1, id);
            ps.setString(2, lineId);
            return ps.executeUpdate() == 1;
        }
    }

    public List<Recipient> ofLine(String lineId) {
        return db.read("reading the recipients of " + lineId, c -> ofLine(c, lineId));
    }

    public List<Recipient> ofLine(Connection c, String lineId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notify_recipient WHERE line_id=? ORDER BY id")) {
            ps.setString(1, lineId);
            return list(ps);
        }
    }

    /** Every recipient that wants to hear of a PBX link down. */
    public List<Recipient> watchingThePbx() {
        return db.read("reading the recipients", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notify_recipient WHERE down_minutes > 0")) {
                return list(ps);
            }
        });
    }

    public Optional<Recipient> find(long id) {
        return db.read("reading a recipient", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notify_recipient WHERE id=?")) {
                ps.setLong(1, id);
                List<Recipient> one = list(ps);
                return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
            }
        });
    }

    /** Every stored secret by recipient id (sealed, an {@code env:} name, or in the clear from an older version). */
    public Map<Long, String> secrets() {
        return db.read("reading the webhook secrets", this::secrets);
    }

    public Map<Long, String> secrets(Connection c) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, secret FROM notify_recipient WHERE secret IS NOT NULL ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Replaces a recipient's stored secret (sealed again, or sealed for the first time). */
    void setSecret(Connection c, long id, String stored) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_recipient SET secret=? WHERE id=?")) {
            ps.setString(1, stored);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static List<Recipient> list(PreparedStatement ps) throws SQLException {
        List<Recipient> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Recipient.Channel.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5), rs.getString(6),
                        Locale.forLanguageTag(rs.getString(7)), Recipient.Audience.valueOf(rs.getString(8).toUpperCase(Locale.ROOT)),
                        rs.getInt(9), Instant.ofEpochMilli(rs.getLong(10))));
            }
        }
        return out;
    }
}
