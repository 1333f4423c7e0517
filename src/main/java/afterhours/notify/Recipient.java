package afterhours.notify;

import java.time.Instant;
import java.util.Locale;

/**
 * Someone told of a line's changes: by e-mail or by a signed webhook, in Swedish or English, of the
 * unscheduled changes only or of every switch, and of a PBX link down for {@code downMinutes}.
 *
 * @param secret the webhook's HMAC key as {@link WebhookSecrets} keeps it (sealed once stored, or {@code env:NAME}),
 *               or null (e-mail)
 */
public record Recipient(long id, String lineId, String name, Channel channel, String address, String secret,
                        Locale language, Audience events, int downMinutes, Instant createdAt) {

    public enum Channel {
        EMAIL, WEBHOOK;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which events a recipient wants. */
    public enum Audience {
        /** Overrides, exceptions for the coming days, the PBX link down: what the plan does not show. */
        UNSCHEDULED,
        /** All of those and every switch. */
        ALL;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether this recipient wants an event of this kind. */
    public boolean wants(Notice.Kind kind) {
        return switch (kind) {
            case SWITCH -> events == Audience.ALL;
            case PBX_DOWN, SERVICE_DOWN -> downMinutes > 0;
            default -> true;
        };
    }

    public static final String ENV = "env:";
}
