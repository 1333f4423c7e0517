package afterhours.notify;

import afterhours.calllog.CallerNumber;
import afterhours.json.Json;
import afterhours.subject.HeldRecord;
import afterhours.subject.PersonalData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notices in the outbox that name a caller (the missed-call notices: their number, in full for a recipient who
 * gets numbers in full, and the name that came with it): found by their text, and erased by replacing the number's stored forms and the names with
 * {@value #ERASED} in the subject, the text and the webhook's JSON, whether still pending or already sent.
 */
public final class OutboxPersonalData implements PersonalData {
    public static final String ERASED = "[erased]";

    @Override
    public List<HeldRecord> find(Connection c, CallerNumber number, Set<String> names) throws SQLException {
        List<HeldRecord> out = new ArrayList<>();
        for (Message m : messages(c, number, names)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("event", m.event());
            data.put("status", m.status());
            data.put("subject", m.subject());
            data.put("body", m.body());
            boolean pending = m.status().equals("pending");
            out.add(new HeldRecord("outbox-message", Long.toString(m.id()), m.lineId(), m.createdAt(),
                    "a notice to a recipient (notify_outbox), " + (pending ? "waiting to be sent" : m.status()),
                    pending ? "until sent, then " + Outbox.KEEP.getDays() + " days after it was written"
                            : Outbox.KEEP.getDays() + " days after it was written",
                    pending ? null : m.createdAt().atZone(java.time.ZoneOffset.UTC).plus(Outbox.KEEP).toInstant(), data));
        }
        return out;
    }

    @Override
    public int erase(Connection c, CallerNumber number, Set<String> names) throws SQLException {
        List<String> texts = texts(number, names);
        List<Message> held = messages(c, number, names);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE notify_outbox SET subject = ?, body = ?, payload = ? WHERE id = ?")) {
            for (Message m : held) {
                ps.setString(1, without(m.subject(), texts));
                ps.setString(2, without(m.body(), texts));
                ps.setString(3, without(m.payload(), texts));
                ps.setLong(4, m.id());
                ps.addBatch();
            }
            if (!held.isEmpty()) {
                ps.executeBatch();
            }
        }
        return held.size();
    }

    private record Message(long id, String lineId, String event, String status, Instant createdAt, String subject,
                           String body, String payload) { }

    /** The texts to look for: the number's stored forms and the names, as written and as JSON writes them; longest first. */
    private static List<String> texts(CallerNumber number, Set<String> names) {
        List<String> texts = new ArrayList<>(number.storedForms());
        for (String name : names) {
            texts.add(name);
            String json = Json.write(name);
            texts.add(json.substring(1, json.length() - 1));
        }
        return texts.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static String without(String text, List<String> texts) {
        String out = text;
        for (String t : texts) {
            out = out.replace(t, ERASED);
        }
        return out;
    }

    private static List<Message> messages(Connection c, CallerNumber number, Set<String> names) throws SQLException {
        List<String> texts = texts(number, names);
        String like = String.join(" OR ", texts.stream().map(t -> "subject LIKE ? ESCAPE '!' OR body LIKE ? ESCAPE '!'"
                + " OR payload LIKE ? ESCAPE '!'").toList());
        List<Message> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, line_id, event, status, created_at, subject, body, payload"
                + " FROM notify_outbox WHERE event = ? AND (" + like + ") ORDER BY id")) {
            ps.setString(1, Notice.Kind.MISSED.key());
            int i = 2;
            for (String t : texts) {
                String pattern = "%" + t.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
                ps.setString(i++, pattern);
                ps.setString(i++, pattern);
                ps.setString(i++, pattern);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Message m = new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7), rs.getString(8));
                    // LIKE is case-insensitive on SQLite for ASCII: keep only what holds a text exactly
                    if (texts.stream().anyMatch(t -> m.subject().contains(t) || m.body().contains(t) || m.payload().contains(t))) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }
}
