package afterhours.line;

import afterhours.holidays.HolidayRules;
import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A managed phone line: where its calls go when open (office), when forwarded (contractor) and when the
 * PBX cannot trust the pushed state (failsafe, normally the contractor: always staffed).
 *
 * @param ringSeconds how long the office rings before the call overflows to the contractor
 * @param callerIdPrefix put before the caller's name on forwarded calls, so the contractor sees the line
 * @param missedAfterSeconds a caller who hangs up after ringing this long counts as a missed call
 *     (the call log's {@code MissedCall} rule); sooner, as a caller who changed their mind
 */
public record Line(String id, String name, List<String> numbers, ZoneId zone, String officeDial,
                   String contractorDial, String failsafeDial, int ringSeconds, String callerIdPrefix,
                   HolidayRules holidays, int missedAfterSeconds) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Stockholm");
    public static final String DEFAULT_PREFIX = "TC: ";
    public static final int DEFAULT_RING_SECONDS = 20;
    public static final int DEFAULT_MISSED_AFTER_SECONDS = 10;
    public static final int MAX_MISSED_AFTER_SECONDS = 300;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{2,20}");
    private static final Pattern PREFIX = Pattern.compile("[\\p{L}\\p{N} :._\\-/#]{0,16}");

    /** Validates every field; the message starts with the field's name. */
    public Line {
        check(id != null && ID.matcher(id).matches(), "id",
                "must be a slug of lower-case letters, digits and '-' (1-63 characters), was '" + id + "'");
        check(name != null && !name.isBlank() && name.length() <= FreeText.MAX, "name",
                "is required (at most " + FreeText.MAX + " characters)");
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
        for (int i = 0; i < numbers.size(); i++) {
            String n = numbers.get(i);
            check(n != null && NUMBER.matcher(n).matches(), "numbers[" + i + "]",
                    "must be 2-20 digits with an optional leading +, was '" + n + "'");
        }
        check(numbers.stream().distinct().count() == numbers.size(), "numbers", "lists a number twice");
        check(zone != null, "zone", "is required");
        officeDial = dial("office", officeDial);
        contractorDial = dial("contractor", contractorDial);
        failsafeDial = dial("failsafe", failsafeDial == null ? contractorDial : failsafeDial);
        check(ringSeconds >= 5 && ringSeconds <= 300, "ringSeconds", "must be 5..300, was " + ringSeconds);
        callerIdPrefix = callerIdPrefix == null ? "" : callerIdPrefix;
        check(PREFIX.matcher(callerIdPrefix).matches(), "callerIdPrefix",
                "at most 16 letters, digits, spaces and : . _ - / #, was '" + callerIdPrefix + "'");
        holidays = holidays == null ? HolidayRules.NONE : holidays;
        if (missedAfterSeconds < 0 || missedAfterSeconds > MAX_MISSED_AFTER_SECONDS) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("min", 0);
            params.put("max", MAX_MISSED_AFTER_SECONDS);
            params.put("value", missedAfterSeconds);
            throw new InvalidField("missedAfterSeconds", Rule.OUT_OF_RANGE, params, "must be 0.."
                    + MAX_MISSED_AFTER_SECONDS + ", was " + missedAfterSeconds);
        }
    }

    /** A line whose callers count as missed after {@value #DEFAULT_MISSED_AFTER_SECONDS} s of ringing. */
    public Line(String id, String name, List<String> numbers, ZoneId zone, String officeDial, String contractorDial,
                String failsafeDial, int ringSeconds, String callerIdPrefix, HolidayRules holidays) {
        this(id, name, numbers, zone, officeDial, contractorDial, failsafeDial, ringSeconds, callerIdPrefix, holidays,
                DEFAULT_MISSED_AFTER_SECONDS);
    }

    /** The same line with another {@code missedAfterSeconds}. */
    public Line withMissedAfterSeconds(int seconds) {
        return new Line(id, name, numbers, zone, officeDial, contractorDial, failsafeDial, ringSeconds, callerIdPrefix,
                holidays, seconds);
    }

    private static String dial(String field, String value) {
        try {
            return DialString.check(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidField(field, e.getMessage());
        }
    }

    private static void check(boolean ok, String field, String problem) {
        if (!ok) {
            throw new InvalidField(field, problem);
        }
    }
}
