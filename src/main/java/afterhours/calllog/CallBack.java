package afterhours.calllog;

import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a missed call was followed up: its caller was called back, or there was no need (a wrong number, the
 * caller reached the center another way). Marked by a person; a later mark replaces it, and it can be cleared.
 *
 * @param at when the caller was called back (or it was judged no need): given by the person, else when marked
 * @param by who marked it
 * @param markedAt when it was marked
 * @param note a short note (at most {@link FreeText#MAX} characters), or null
 */
public record CallBack(Outcome outcome, Instant at, String by, Instant markedAt, String note) {

    /**
     * A mark as a person gives it, checked: the outcome's word ({@code called-back} or {@code no-need}), when
     * (null: now; else between the call's end and now), and a note ({@link FreeText}: at most 200 characters, no
     * control characters);
     * a refusal names the times in {@code zone}.
     */
    public static CallBack checked(String outcome, Instant at, String note, String by, Instant now, Instant callEnded,
                                   ZoneId zone) {
        if (outcome == null || outcome.isBlank()) {
            throw new InvalidField("outcome", Rule.REQUIRED, Map.of(), "is required: called-back or no-need");
        }
        Outcome o = Outcome.of(outcome.strip());
        if (o == null) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("allowed", List.of(Outcome.CALLED_BACK.key(), Outcome.NO_NEED.key()));
            params.put("value", outcome);
            throw new InvalidField("outcome", Rule.ONE_OF, params, "expected called-back or no-need, was '" + outcome + "'");
        }
        if (at != null && (at.isAfter(now) || at.isBefore(callEnded))) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("from", iso(callEnded, zone));
            params.put("to", iso(now, zone));
            params.put("value", iso(at, zone));
            throw new InvalidField("at", Rule.OUTSIDE_PERIOD, params, "must lie between the call's end ("
                    + params.get("from") + ") and now (" + params.get("to") + "), was " + params.get("value"));
        }
        String text = note == null || note.isBlank() ? null : FreeText.check(note.strip(), "note");
        return new CallBack(o, at == null ? now : at, by, now, text);
    }

    private static String iso(Instant t, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    /** Stored and served as {@code called-back} or {@code no-need}. */
    public enum Outcome {
        CALLED_BACK, NO_NEED;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The outcome for its word; null when there is none. */
        public static Outcome of(String key) {
            for (Outcome o : values()) {
                if (o.key().equals(key)) {
                    return o;
                }
            }
            return null;
        }
    }
}
