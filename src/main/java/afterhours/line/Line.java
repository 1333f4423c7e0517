package afterhours.line;

import afterhours.holidays.HolidayRules;
import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import java.time.ZoneId;
import java.util.List;
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
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{2,20}");
    private static final Pattern PREFIX = Pattern.compile("[\\p{L}\\p{N} :._\\-/#]{0,16}");

    /** Validates every field; the message starts with the field's name. */
    public Line {
        check(id != null && ID.matcher(id).matches(), "id",
                "must be a slug of lower-case letters, digits and '-' (1-63 characters), was '" + id + "'");
        check(name != null && !name.isBlank() && name.length() <= FreeText.MAX, "name",
                "is required (at most " + FreeText.MAX + " characters)");
        FreeText.check(name, "name");
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
