package afterhours.holidays;

import afterhours.validation.Fields;
import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which public holidays close a line: a country's calendar (ISO code, optionally with a subdivision,
 * e.g. {@code de-by}), minus the holidays named in {@code ignore} (by key, e.g. {@code MIDSUMMER_EVE}),
 * with names in {@code language}. An empty country means no holidays at all.
 */
public record HolidayRules(String country, Set<String> ignore, String language) {
    public static final HolidayRules SWEDEN = new HolidayRules("se", Set.of(), "sv");
    public static final HolidayRules NONE = new HolidayRules("", Set.of(), "en");

    public HolidayRules {
        country = country == null ? "" : country.strip().toLowerCase(Locale.ROOT);
        ignore = ignore == null ? Set.of() : Set.copyOf(ignore.stream().map(k -> k.strip().toUpperCase(Locale.ROOT)).toList());
        language = language == null || language.isBlank() ? "en" : language.strip();
    }

    /**
     * The rules as written: {@code calendar} (an ISO country code, optionally with a subdivision; default
     * {@code se}; {@code none} for no holidays), holiday keys to {@code ignore}, the names' {@code language}
     * (default {@code sv}). The calendar and the keys are checked against Jollyday's; {@code path} is where
     * the rules sit in the input ({@code holidays}, {@code lines[0].holidays}).
     */
    public static HolidayRules parse(String calendar, List<String> ignore, String language, String path) {
        String code = calendar == null ? "se" : calendar.strip();
        if (code.equalsIgnoreCase("none")) {
            return NONE;
        }
        HolidayRules rules = new HolidayRules(code, Set.of(), language == null ? "sv" : language);
        if (!JollydayHolidays.supports(rules)) {
            throw new InvalidField(Fields.at(path, "calendar"), Rule.HOLIDAY_CALENDAR, Map.of("value", code),
                    "unknown holiday calendar '" + code + "' (use an ISO 3166 country code such as se, no, dk, fi, de)");
        }
        List<String> given = ignore == null ? List.of() : ignore;
        Set<String> keys = ((JollydayHolidays) JollydayHolidays.of(rules)).knownKeys();
        Set<String> ignored = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String field = Fields.index(Fields.at(path, "ignore"), i);
            String key = FreeText.required(given.get(i), field).toUpperCase(Locale.ROOT);
            if (!keys.contains(key)) {
                throw new InvalidField(field, Rule.HOLIDAY_UNKNOWN, Map.of("value", given.get(i), "calendar", code,
                        "known", List.copyOf(keys)), "'" + given.get(i) + "' is not a holiday of calendar " + code
                        + " (known: " + String.join(", ", keys) + ")");
            }
            ignored.add(key);
        }
        return new HolidayRules(code, ignored, rules.language());
    }

    public boolean none() {
        return country.isEmpty();
    }

    /** Country and subdivision codes as Jollyday takes them. */
    List<String> path() {
        return List.of(country.split("-"));
    }
}
