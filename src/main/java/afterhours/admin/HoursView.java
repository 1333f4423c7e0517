package afterhours.admin;

import afterhours.schedule.TimeRange;
import afterhours.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A week as the API shows and takes it: {@code {"monday": ["10:00-15:00"], ...}}. */
final class HoursView {
    private HoursView() {
    }

    static Map<String, List<String>> of(WeeklyHours weekly) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            out.put(d.name().toLowerCase(Locale.ROOT), weekly.on(d).stream().map(TimeRange::toString).toList());
        }
        return out;
    }
}
