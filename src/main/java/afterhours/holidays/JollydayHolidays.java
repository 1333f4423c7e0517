package afterhours.holidays;

import afterhours.schedule.Holiday;
import afterhours.schedule.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Public holidays from Jollyday's maintained calendars, computed once per year and kept in memory so a
 * lookup on the call path is a map read.
 */
public final class JollydayHolidays implements HolidayCalendar {
    private final HolidayRules rules;
    private final HolidayManager manager;
    private final String[] subdivisions;
    private final Locale locale;
    private final Map<Integer, Map<LocalDate, Holiday>> byYear = new ConcurrentHashMap<>();

    private JollydayHolidays(HolidayRules rules) {
        this.rules = rules;
        List<String> path = rules.path();
        this.manager = HolidayManager.getInstance(ManagerParameters.create(path.get(0)));
        this.subdivisions = path.subList(1, path.size()).toArray(new String[0]);
        this.locale = Locale.forLanguageTag(rules.language());
    }

    /** A calendar for the rules (checked with {@link HolidayRules#parse}: an unknown country is a bug here). */
    public static HolidayCalendar of(HolidayRules rules) {
        if (rules.none()) {
            return HolidayCalendar.NONE;
        }
        if (!supports(rules)) {
            throw new IllegalArgumentException("unknown holiday calendar '" + rules.country() + "'");
        }
        return new JollydayHolidays(rules);
    }

    /** Whether Jollyday has a calendar for the rules' country. */
    static boolean supports(HolidayRules rules) {
        String country = rules.path().get(0);
        return HolidayManager.getSupportedCalendarCodes().stream().anyMatch(code -> code.equalsIgnoreCase(country));
    }

    /** Every holiday key the calendar knows in the years around now (2024-2032), sorted, for checking {@code ignore}. */
    Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>();
        for (int year = 2024; year <= 2032; year++) {
            manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, subdivisions).stream()
                    .map(JollydayHolidays::keyOf).forEach(keys::add);
        }
        return keys;
    }

    @Override
    public Optional<Holiday> on(LocalDate date) {
        return Optional.ofNullable(year(date.getYear()).get(date));
    }

    @Override
    public List<Holiday> inYear(int year) {
        return year(year).values().stream().sorted(Comparator.comparing(Holiday::date)).toList();
    }

    private Map<LocalDate, Holiday> year(int year) {
        return byYear.computeIfAbsent(year, this::compute);
    }

    private Map<LocalDate, Holiday> compute(int year) {
        Map<LocalDate, Holiday> days = new ConcurrentHashMap<>();
        var found = manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, subdivisions).stream()
                .sorted(Comparator.comparing(de.focus_shift.jollyday.core.Holiday::getPropertiesKey)).toList();
        for (var h : found) {
            String key = keyOf(h);
            if (rules.ignore().contains(key)) {
                continue;
            }
            LocalDate date = h.getActualDate();
            Holiday holiday = new Holiday(date, key, h.getDescription(locale));
            // two holidays on one date (Easter Sunday and a fixed one): keep both names
            days.merge(date, holiday, (a, b) -> new Holiday(date, a.key(), a.name() + " / " + b.name()));
        }
        return Map.copyOf(days);
    }

    /** Jollyday prefixes moveable feasts ({@code christian.EASTER}); operators write just {@code EASTER}. */
    private static String keyOf(de.focus_shift.jollyday.core.Holiday h) {
        String key = h.getPropertiesKey();
        return key.substring(key.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        return "holidays(" + rules.country() + (rules.ignore().isEmpty() ? "" : " ignoring " + rules.ignore()) + ")";
    }
}
