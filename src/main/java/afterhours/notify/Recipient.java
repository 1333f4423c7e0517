package afterhours.notify;

import afterhours.validation.Choice;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Someone told of a line's changes: by e-mail or by a signed webhook, in Swedish or English, of the events
 * they asked for (unscheduled changes, every switch, missed calls), and of a PBX link down for {@code downMinutes}.
 *
 * @param secret the webhook's HMAC key as {@link WebhookSecrets} keeps it (sealed once stored, or {@code env:NAME}),
 *               or null (e-mail)
 * @param events what the recipient is told of; never empty
 * @param numbers whether a missed call's caller number is given in full or masked
 */
public record Recipient(long id, String lineId, String name, Channel channel, String address, String secret,
                        Locale language, Set<Event> events, int downMinutes, Instant createdAt, Numbers numbers) {

    public Recipient {
        events = Collections.unmodifiableSet(events.isEmpty() ? EnumSet.noneOf(Event.class) : EnumSet.copyOf(events));
    }

    public enum Channel {
        EMAIL, WEBHOOK;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a recipient may ask to be told of. Stored and served as the lower-case word. */
    public enum Event {
        /** Overrides, exceptions for the coming days: what the plan does not show. */
        UNSCHEDULED,
        /** Every switch the schedule makes. */
        SWITCHES,
        /** Calls nobody answered ({@code afterhours.calllog.MissedCall}). */
        MISSED;

        /** The word that stood for unscheduled changes and every switch before events were a list. */
        public static final String ALL = "all";

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The events for the words given ({@code ["unscheduled", "missed"]}; the old single words
         * {@code unscheduled} and {@code all} too); none given means unscheduled changes.
         */
        public static Set<Event> parse(List<String> words, String field) {
            if (words == null) {
                return EnumSet.of(UNSCHEDULED);
            }
            Set<Event> out = EnumSet.noneOf(Event.class);
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i) == null ? "" : words.get(i).strip().toLowerCase(Locale.ROOT);
                if (word.equals(ALL)) {
                    out.add(UNSCHEDULED);
                    out.add(SWITCHES);
                    continue;
                }
                Event e = Arrays.stream(values()).filter(v -> v.key().equals(word)).findFirst().orElse(null);
                if (e == null) {
                    throw new InvalidField(words.size() == 1 ? field : field + "[" + i + "]", Rule.ONE_OF,
                            InvalidField.params("allowed", allowed(), "value", words.get(i)), "expected one of "
                            + String.join(", ", allowed()) + ", was '" + words.get(i) + "'");
                }
                out.add(e);
            }
            if (out.isEmpty()) {
                throw new InvalidField(field, Rule.REQUIRED, "name at least one of " + String.join(", ", allowed()));
            }
            return out;
        }

        /** Every word {@link #parse} takes. */
        public static List<String> allowed() {
            List<String> words = Arrays.stream(values()).map(Event::key).collect(Collectors.toList());
            words.add(ALL);
            return words;
        }

        /** As stored: the words in a fixed order, separated by commas. */
        static String store(Set<Event> events) {
            return events.stream().map(Event::key).collect(Collectors.joining(","));
        }

        static Set<Event> stored(String text) {
            Set<Event> out = EnumSet.noneOf(Event.class);
            for (String word : text.split(",")) {
                if (!word.isBlank()) {
                    out.add(valueOf(word.strip().toUpperCase(Locale.ROOT)));
                }
            }
            return out;
        }
    }

    /**
     * A missed call's caller number as the recipient gets it: in full, or masked (the last four digits
     * hidden, as the call log's exports mask them). Masked is the default on both channels: a message
     * outlives the call log in mailboxes and in the systems a webhook feeds; the full number is on the
     * call-back list, behind a login, and every read of it is audited.
     */
    public enum Numbers {
        MASKED, FULL;

        /** Digits hidden at the end of a masked number. */
        public static final int MASKED_DIGITS = 4;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The choice for its word; absent means masked. */
        public static Numbers parse(String word, String field) {
            return word == null ? MASKED : Choice.of(values(), Numbers::key, word, field);
        }
    }

    /** Whether this recipient wants an event of this kind. */
    public boolean wants(Notice.Kind kind) {
        return switch (kind) {
            case SWITCH -> events.contains(Event.SWITCHES);
            case MISSED -> events.contains(Event.MISSED);
            case PBX_DOWN, SERVICE_DOWN -> downMinutes > 0;
            case TEST -> true;
            case OVERRIDE_SET, OVERRIDE_CLEARED, EXCEPTION_ADDED, EXCEPTION_REMOVED -> events.contains(Event.UNSCHEDULED);
        };
    }

    public static final String ENV = "env:";
}
