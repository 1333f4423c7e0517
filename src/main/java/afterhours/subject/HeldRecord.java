package afterhours.subject;

import java.time.Instant;
import java.util.Map;

/**
 * One record that holds a caller's number or a name that came with it, as the access document shows it.
 *
 * @param kind what it is, as a stable word ({@code call}, {@code quarantined-call}, {@code call-back-note},
 *             {@code outbox-message}, {@code pbx-spool})
 * @param id the record's own key (a call's id, a message's number, a spool key)
 * @param lineId the line it belongs to; null when none
 * @param at when it was made (the call's start, the message's creation)
 * @param what what the record is and why it is held, in a sentence
 * @param kept how long it is kept, in a sentence
 * @param keptUntil when it goes (or its number is masked) at the latest; null when that depends on an event
 * @param data the record's personal data and what gives it meaning (the number, the name, the note, the time)
 */
public record HeldRecord(String kind, String id, String lineId, Instant at, String what, String kept, Instant keptUntil,
                         Map<String, Object> data) {
    public HeldRecord {
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }
}
