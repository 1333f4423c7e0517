package afterhours.schedule;

import afterhours.holidays.HolidayRules;
import afterhours.holidays.JollydayHolidays;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Small builders for schedule tests. */
public final class Schedules {
    public static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    public static final HolidayCalendar SWEDEN = JollydayHolidays.of(HolidayRules.SWEDEN);

    private Schedules() {
    }

    /** The safety center's default: weekdays 10:00-15:00, Swedish holidays closed. */
    public static Schedule center() {
        return Schedule.of(STOCKHOLM, weekdays("10:00-15:00"), List.of(), SWEDEN);
    }

    public static WeeklyHours weekdays(String... ranges) {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getValue() <= 5) {
                days.put(d, parse(ranges));
            }
        }
        return WeeklyHours.of(days);
    }

    public static WeeklyHours everyDay(String... ranges) {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, parse(ranges));
        }
        return WeeklyHours.of(days);
    }

    public static List<TimeRange> parse(String... ranges) {
        return Arrays.stream(ranges).map(TimeRange::parse).toList();
    }

    /** A local date-time in Stockholm (first occurrence when repeated). */
    public static Instant local(String isoLocal) {
        return ZonedDateTime.of(LocalDateTime.parse(isoLocal), STOCKHOLM).toInstant();
    }

    public static Instant at(String isoWithOffset) {
        return java.time.OffsetDateTime.parse(isoWithOffset).toInstant();
    }
}
