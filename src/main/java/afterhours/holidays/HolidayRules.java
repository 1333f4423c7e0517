package afterhours.holidays;

import java.util.List;
import java.util.Locale;
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

    public boolean none() {
        return country.isEmpty();
    }

    /** Country and subdivision codes as Jollyday takes them. */
    List<String> path() {
        return List.of(country.split("-"));
    }
}
