package afterhours.notify;

import afterhours.routing.LiveLines;
import afterhours.store.Database;
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
     * hears of it once it is written. Returns how many.
     */
    public int tell(Notice.Kind kind, Instant since, Instant now, Predicate<Recipient> untold, Consumer<Recipient> told) {
        long minutes = Duration.between(since, now).toMinutes();
        int count = 0;
        for (Recipient r : recipients.watchingThePbx()) {
            var live = lines.line(r.lineId());
            if (minutes >= r.downMinutes() && live.isPresent() && untold.test(r)) {
                db.write("telling recipient " + r.id() + " of an outage",
                        c -> outbox.enqueueFor(c, r, Notice.outage(kind, live.get().setup(), now, since)));
                told.accept(r);
                count++;
            }
        }
        if (count > 0) {
            outbox.enqueued();
        }
        return count;
    }
}
