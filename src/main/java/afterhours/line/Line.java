package afterhours.line;

import afterhours.holidays.HolidayRules;
import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import afterhours.validation.WholeNumber;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A managed phone line: where its calls go when open (office), when forwarded (contractor) and when the
 * PBX cannot trust the pushed state (failsafe, normally the contractor: always staffed).
 *
 * @param ringSeconds how long the office rings before the call overflows to the contractor
 * @param callerIdPrefix put before the caller's name on forwarded calls, so the contractor sees the line
 */
public record Line(String id, String name, List<String> numbers, ZoneId zone, String officeDial,
                   String contractorDial, String failsafeDial, int ringSeconds, String callerIdPrefix,
                   HolidayRules holidays) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Stockholm");
    public static final String DEFAULT_PREFIX = "TC: ";
    public static final int DEFAULT_RING_SECONDS = 20;
    public static final int MIN_RING_SECONDS = 5;
    public static final int MAX_RING_SECONDS = 300;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{2,20}");
    private static final Pattern PREFIX = Pattern.compile("[\\p{L}\\p{N} :._\\-/#]{0,16}");

    /** Validates every field; a refusal names the field and its {@link Rule}. */
    public Line {
        check(id != null && ID.matcher(id).matches(), "id", Rule.LINE_ID, id,
                "must be a slug of lower-case letters, digits and '-' (1-63 characters), was '" + id + "'");
        FreeText.check(FreeText.required(name, "name"), "name");
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < numbers.size(); i++) {
            String n = numbers.get(i);
            check(n != null && NUMBER.matcher(n).matches(), "numbers[" + i + "]", Rule.PHONE_NUMBER, n,
                    "must be 2-20 digits with an optional leading +, was '" + n + "'");
            check(seen.add(n), "numbers[" + i + "]", Rule.NUMBER_TWICE, n, "lists the number " + n + " twice");
        }
        if (zone == null) {
            throw new InvalidField("zone", Rule.REQUIRED, "is required");
        }
        officeDial = DialString.check(officeDial, "office");
        contractorDial = DialString.check(contractorDial, "contractor");
        failsafeDial = DialString.check(failsafeDial == null ? contractorDial : failsafeDial, "failsafe");
        WholeNumber.check(ringSeconds, MIN_RING_SECONDS, MAX_RING_SECONDS, "ringSeconds");
        callerIdPrefix = callerIdPrefix == null ? "" : callerIdPrefix;
        check(PREFIX.matcher(callerIdPrefix).matches(), "callerIdPrefix", Rule.CALLER_ID_PREFIX, callerIdPrefix,
                "at most 16 letters, digits, spaces and : . _ - / #, was '" + callerIdPrefix + "'");
        holidays = holidays == null ? HolidayRules.NONE : holidays;
    }

    private static void check(boolean ok, String field, Rule rule, String value, String problem) {
        if (!ok) {
            throw new InvalidField(field, rule, Map.of("value", String.valueOf(value)), problem);
        }
    }
}
