package afterhours.notify;

import afterhours.routing.LiveLines;
import afterhours.store.Database;
import afterhours.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Tells the recipients who asked for it that the PBX link or the service was down for their number of minutes. */
public final class OutageNotices {
    private final Database db;
    private final RecipientStore recipients;
    private final Outbox outbox;
    private final LiveLines lines;

    public OutageNotices(Database db, RecipientStore recipients, Outbox outbox, LiveLines lines) {
        this.db = db;
        this.recipients = recipients;
        this.outbox = outbox;
        this.lines = lines;
    }

    /**
     * An outage ({@code PBX_DOWN} or {@code SERVICE_DOWN}) from {@code since} until {@code now}: each recipient whose
     * {@code downMinutes} have passed and whom {@code untold} lets through gets one message, and {@code told}
     * hears of it once it is written. A recipient already told of this kind of outage after
     * {@code since} is not told again: with several instances on one database, each sees the PBX go down
     * on its own link, moments apart, and it is one outage. Returns how many messages were written.
     */
    public int tell(Notice.Kind kind, Instant since, Instant now, Predicate<Recipient> untold, Consumer<Recipient> told) {
        long minutes = Duration.between(since, now).toMinutes();
        int count = 0;
        for (Recipient r : recipients.watchingThePbx()) {
            var live = lines.line(r.lineId());
            if (minutes >= r.downMinutes() && live.isPresent() && untold.test(r)) {
                boolean written = db.write("telling recipient " + r.id() + " of an outage", c -> {
                    if (toldSince(c, r, kind, since)) {
                        return false;
                    }
                    outbox.enqueueFor(c, r, Notice.outage(kind, live.get().setup(), now, since));
                    return true;
                });
                told.accept(r);
                count += written ? 1 : 0;
            }
        }
        if (count > 0) {
            outbox.enqueued();
        }
        return count;
    }

    /**
     * Whether {@code r} has a message of this kind written after {@code since} (by any instance). Strictly after: a
     * start that told of the last outage and stopped before its first heartbeat left a message written at the
     * very instant the next outage counts from, and that one is news.
     */
    private boolean toldSince(Connection c, Recipient r, Notice.Kind kind, Instant since) throws SQLException {
        if (db.dialect() == Dialect.POSTGRES) {
            // two instances checking at the same moment take turns on the recipient's row (SQLite's write
            // transactions take turns already)
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM notify_recipient WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, r.id());
                ps.executeQuery().close();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM notify_outbox WHERE recipient_id = ? AND event = ? AND created_at > ? LIMIT 1")) {
            ps.setLong(1, r.id());
            ps.setString(2, kind.key());
            ps.setLong(3, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
