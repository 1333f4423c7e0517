package afterhours.notify;

import afterhours.calllog.CallRecord;
import afterhours.calllog.MissedCallEntry;
import afterhours.json.Json;
import afterhours.schedule.LineState;
import afterhours.schedule.TimeRange;
import afterhours.store.Database;
import afterhours.store.Dialect;
import afterhours.switching.SwitchNotices;
import afterhours.switching.Trigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Messages on their way. A notice is written here, one row per recipient that wants it, in the transaction
 * of the change that causes it, so a change is never made without its messages nor a message sent for a
 * change that was rolled back. {@link DeliveryWorker} claims and delivers them.
 */
public final class Outbox {
    /** An exception is news while it touches today or the coming two weeks; later ones show in the calendar. */
    public static final int COMING_DAYS = 14;
    /** Sent and failed messages are kept this long for the delivery log, then deleted. */
    public static final java.time.Period KEEP = java.time.Period.ofDays(90);
    private static final String COLUMNS = "id, delivery_id, recipient_id, line_id, event, subject, body, payload, created_at,"
            + " status, attempts, next_attempt_at, last_error, sent_at";

    public enum Status { PENDING, SENT, FAILED }

    /** One message to one recipient. */
    public record Delivery(long id, String deliveryId, long recipientId, String lineId, String event, String subject,
                           String body, String payload, Instant createdAt, Status status, int attempts,
                           Instant nextAttemptAt, String lastError, Instant sentAt) { }

    private final Database db;
    private final RecipientStore recipients;
    private volatile Runnable onEnqueued = () -> { };

    public Outbox(Database db, RecipientStore recipients) {
        this.db = db;
        this.recipients = recipients;
    }

    /** Told after a transaction that wrote messages committed, so the worker need not wait for its next round. */
    public void onEnqueued(Runnable wake) {
        this.onEnqueued = wake;
    }

    /** Wakes the worker; call after the transaction that enqueued committed. */
    public void enqueued() {
        onEnqueued.run();
    }

    /** Writes the notice for each of its line's recipients that wants it; returns how many messages. */
    public int enqueue(Connection c, Notice notice) throws SQLException {
        if (!isNews(notice)) {
            return 0;
        }
        int written = 0;
        for (Recipient r : recipients.ofLine(c, notice.lineId())) {
            if (r.wants(notice.kind())) {
                insert(c, r, notice);
                written++;
            }
        }
        return written;
    }

    /** Notices of switches the schedule makes (an override's switch is told by the override's own notice). */
    public SwitchNotices switchNotices() {
        return (c, setup, s) -> {
            if (s.from() != null && s.trigger() != Trigger.OVERRIDE) {
                enqueue(c, Notice.switched(setup, s.effectiveAt(), s.to(), s.reason(), s.why()));
            }
        };
    }

    /** Writes the notice for one recipient only (a test message); returns its delivery id. */
    public String enqueueFor(Connection c, Recipient r, Notice notice) throws SQLException {
        return insert(c, r, notice);
    }

    private static boolean isNews(Notice notice) {
        if (notice.exception() == null) {
            return true;
        }
        ZoneId zone = notice.after().line().zone();
        LocalDate today = notice.at().atZone(zone).toLocalDate();
        return !notice.exception().last().isBefore(today) && !notice.exception().first().isAfter(today.plusDays(COMING_DAYS));
    }

    private String insert(Connection c, Recipient r, Notice notice) throws SQLException {
        String deliveryId = UUID.randomUUID().toString();
        NoticeText.Text text = NoticeText.of(notice, r.language(), r.numbers());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_outbox (delivery_id, recipient_id, line_id, event,"
                + " subject, body, payload, created_at, status, attempts, next_attempt_at) VALUES (?,?,?,?,?,?,?,?,'pending',0,?)")) {
            ps.setString(1, deliveryId);
            ps.setLong(2, r.id());
            ps.setString(3, notice.lineId());
            ps.setString(4, notice.kind().key());
            ps.setString(5, text.subject());
            ps.setString(6, text.body());
            ps.setString(7, Json.write(payload(deliveryId, notice, r, text)));
            ps.setLong(8, notice.at().toEpochMilli());
            ps.setLong(9, notice.at().toEpochMilli());
            ps.executeUpdate();
        }
        return deliveryId;
    }

    /** The webhook's JSON: the facts, and the sentence in the recipient's language. */
    private static Map<String, Object> payload(String deliveryId, Notice notice, Recipient r, NoticeText.Text text) {
        ZoneId zone = notice.after().line().zone();
        LineState state = NoticeText.stateAfter(notice);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deliveryId", deliveryId);
        m.put("event", notice.kind().key());
        m.put("line", Map.of("id", notice.lineId(), "name", notice.after().line().name()));
        m.put("at", iso(notice.at(), zone));
        m.put("mode", state.mode().name());
        m.put("until", iso(state.nextChange(), zone));
        m.put("nextMode", state.nextChange() == null ? null : state.nextMode().name());
        m.put("reason", state.reason().name());
        m.put("why", state.why().view(zone));
        m.put("actor", notice.actor());
        m.put("note", notice.note());
        if (notice.exception() != null) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("from", notice.exception().first().toString());
            x.put("to", notice.exception().last().toString());
            x.put("closed", notice.exception().isClosed());
            x.put("hours", notice.exception().hours().stream().map(TimeRange::toString).toList());
            m.put("exception", x);
        }
        if (notice.since() != null) {
            m.put(notice.kind() == Notice.Kind.PBX_DOWN ? "pbxDownSince" : "serviceDownSince", iso(notice.since(), zone));
        }
        if (notice.missed() != null) {
            m.put("late", notice.missed().late());
            m.put("numbers", r.numbers().key());
            m.put("calls", notice.missed().calls().stream().map(c -> missedCall(c, r.numbers(), zone)).toList());
        }
        m.put("language", r.language().getLanguage());
        m.put("subject", text.subject());
        m.put("text", text.body());
        return m;
    }

    /** One missed call in the webhook's JSON; the caller's name only with full numbers. */
    private static Map<String, Object> missedCall(MissedCallEntry entry, Recipient.Numbers numbers, ZoneId zone) {
        CallRecord c = entry.call();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", c.linkedId());
        m.put("startedAt", iso(c.startedAt(), zone));
        m.put("endedAt", iso(c.endedAt(), zone));
        m.put("ringSeconds", c.ringSeconds() == null ? null : Math.round(c.ringSeconds()));
        m.put("why", entry.why().key());
        m.put("callerNumber", NoticeText.number(c.callerNumber(), numbers));
        m.put("callerName", numbers == Recipient.Numbers.FULL ? c.callerName() : null);
        m.put("mode", c.mode() == null ? null : c.mode().name());
        m.put("tried", c.attempts().stream().map(a -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", a.target().key());
            t.put("status", a.status() == null ? "CANCEL" : a.status());
            return t;
        }).toList());
        return m;
    }

    private static String iso(Instant t, ZoneId zone) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), zone));
    }

    /** A pending message whose claim has not run out: its recipient's lane is busy, here or in another instance. */
    private static final String HELD = "SELECT 1 FROM notify_outbox h WHERE h.recipient_id = %s AND h.status = 'pending'"
            + " AND h.claimed_until >= ?";

    /**
     * Claims for {@code instance}, until {@code now + hold}, the oldest due message of up to {@code limit} recipients
     * none of whose messages is claimed already (by any instance): one message per recipient at a time, in the order
     * they were written, so a receiver that stalls holds up its own messages only. Each claim is one conditional
     * update, the recipient's row locked first on PostgreSQL, so of two instances exactly one gets a message and a
     * recipient's messages are never sent side by side.
     */
    public List<Delivery> claim(String instance, Instant now, Duration hold, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<long[]> heads = db.read("reading due messages", c -> {
            List<long[]> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(o.id) AS head, o.recipient_id FROM notify_outbox o"
                    + " WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND NOT EXISTS ("
                    + HELD.formatted("o.recipient_id") + ") GROUP BY o.recipient_id ORDER BY head LIMIT ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            return found;
        });
        List<Delivery> claimed = new ArrayList<>();
        for (long[] head : heads) {
            boolean mine = db.write("claiming a message", c -> {
                if (db.dialect() == Dialect.POSTGRES) {
                    // two instances claiming for one recipient take turns (SQLite's write transactions do already)
                    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM notify_recipient WHERE id = ? FOR UPDATE")) {
                        ps.setLong(1, head[1]);
                        ps.executeQuery().close();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE notify_outbox SET claimed_by = ?, claimed_until = ?"
                        + " WHERE id = ? AND status = 'pending' AND next_attempt_at <= ? AND NOT EXISTS ("
                        + HELD.formatted("?") + ")")) {
                    ps.setString(1, instance);
                    ps.setLong(2, now.plus(hold).toEpochMilli());
                    ps.setLong(3, head[0]);
                    ps.setLong(4, now.toEpochMilli());
                    ps.setLong(5, head[1]);
                    ps.setLong(6, now.toEpochMilli());
                    return ps.executeUpdate() == 1;
                }
            });
            if (mine) {
                claimed.add(find(head[0]));
            }
        }
        return claimed;
    }

    /** Deletes sent and failed messages created before {@code KEEP} ago; returns how many. */
    public int forgetOld(Instant now) {
        long before = now.atZone(java.time.ZoneOffset.UTC).minus(KEEP).toInstant().toEpochMilli();
        return db.write("deleting old messages", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_outbox WHERE status <> 'pending' AND created_at < ?")) {
                ps.setLong(1, before);
                return ps.executeUpdate();
            }
        });
    }

    /** The instances other than {@code self} holding claims on waiting messages. */
    public List<String> claimants(String self) {
        return db.read("reading who holds claims", c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT claimed_by FROM notify_outbox WHERE status = 'pending'"
                    + " AND claimed_by IS NOT NULL AND claimed_by <> ?")) {
                ps.setString(1, self);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            return found;
        });
    }

    /** Takes back the claims of {@code instance}, which no longer runs (killed); returns how many. */
    public int takeBack(String instance) {
        return update("UPDATE notify_outbox SET claimed_by=NULL, claimed_until=NULL WHERE claimed_by=? AND status='pending'",
                instance);
    }

    /**
     * Gives back what {@code instance} claimed and did not finish (a clean stop), except the messages still on their
     * way ({@code sending}, which may yet arrive): the next instance sends them at once.
     */
    public void release(String instance, java.util.Collection<Long> sending) {
        List<Object> params = new ArrayList<>();
        params.add(instance);
        params.addAll(sending);
        update("UPDATE notify_outbox SET claimed_by=NULL, claimed_until=NULL WHERE claimed_by=? AND status='pending'"
                + (sending.isEmpty() ? "" : " AND id NOT IN (" + String.join(",", java.util.Collections.nCopies(sending.size(), "?"))
                + ")"), params.toArray());
    }

    public void sent(long id, String instance, Instant at) {
        update("UPDATE notify_outbox SET status='sent', sent_at=?, attempts=attempts+1, last_error=NULL, claimed_by=NULL,"
                + " claimed_until=NULL WHERE id=? AND claimed_by=?", at.toEpochMilli(), id, instance);
    }

    /** A failed try: tried again at {@code next}, or marked failed when {@code next} is null. */
    public void failed(long id, String instance, String error, Instant next) {
        String cut = error.length() > 500 ? error.substring(0, 500) : error;
        if (next == null) {
            update("UPDATE notify_outbox SET status='failed', attempts=attempts+1, last_error=?, claimed_by=NULL,"
                    + " claimed_until=NULL WHERE id=? AND claimed_by=?", cut, id, instance);
        } else {
            update("UPDATE notify_outbox SET attempts=attempts+1, last_error=?, next_attempt_at=?, claimed_by=NULL,"
                    + " claimed_until=NULL WHERE id=? AND claimed_by=?", cut, next.toEpochMilli(), id, instance);
        }
    }

    private int update(String sql, Object... params) {
        return db.write("recording a delivery", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    public Delivery find(long id) {
        return db.read("reading a message", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notify_outbox WHERE id=?")) {
                ps.setLong(1, id);
                List<Delivery> one = list(ps);
                return one.isEmpty() ? null : one.get(0);
            }
        });
    }

    /** The line's messages, newest first. */
    public List<Delivery> recent(String lineId, int limit) {
        return db.read("reading the delivery log", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notify_outbox WHERE line_id=?"
                    + " ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, lineId);
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    private static List<Delivery> list(PreparedStatement ps) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long sent = rs.getLong(14);
                boolean neverSent = rs.wasNull();
                out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)),
                        Status.valueOf(rs.getString(10).toUpperCase(java.util.Locale.ROOT)), rs.getInt(11),
                        Instant.ofEpochMilli(rs.getLong(12)), rs.getString(13), neverSent ? null : Instant.ofEpochMilli(sent)));
            }
        }
        return out;
    }
}
