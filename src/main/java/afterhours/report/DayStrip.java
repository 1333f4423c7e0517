package afterhours.report;

import afterhours.line.LineSetup;
import afterhours.line.HoursStore.StoredException;
import afterhours.schedule.LineState;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the coming days look like for one line: per day, the open and forwarded bands (split where the
 * mode changes and at midnight) with the holiday, exception and override that shape it. Band positions
 * are minutes elapsed since the day's start, so a DST day is 23 or 25 hours long and drawn as such.
 */
public final class DayStrip {
    public static final int MAX_DAYS = 62;

    /**
     * A stretch of one mode; {@code from}/{@code to} are the line's local clock times; {@code detail} the plain
     * English words, {@code why} the same as facts ({@link afterhours.schedule.Detail#view}).
     */
    public record Band(String from, String to, long startMinute, long endMinute, String mode, String reason, String detail,
                       Map<String, Object> why) {
    }

    public record Day(String date, String weekday, long minutes, List<Band> bands, String holiday, String exception,
                      String override) {
    }

    private DayStrip() {
    }

    public static List<Day> of(LineSetup setup, Schedule schedule, LocalDate first, int days) {
        ZoneId zone = setup.line().zone();
        List<Day> out = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            LocalDate date = first.plusDays(i);
            Instant start = date.atStartOfDay(zone).toInstant();
            Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
            out.add(new Day(date.toString(), date.getDayOfWeek().name().toLowerCase(Locale.ROOT),
                    Duration.between(start, end).toMinutes(), bands(schedule, zone, start, end),
                    schedule.holidays().on(date).map(h -> h.name()).orElse(null), exception(setup, date),
                    override(setup.override(), schedule, start, end)));
        }
        return out;
    }

    private static List<Band> bands(Schedule schedule, ZoneId zone, Instant start, Instant end) {
        List<Band> bands = new ArrayList<>();
        Instant cursor = start;
        while (cursor.isBefore(end)) {
            LineState state = schedule.stateAt(cursor);
            Instant next = state.nextChange() == null || state.nextChange().isAfter(end) ? end : state.nextChange();
            bands.add(new Band(clock(cursor, zone), next.equals(end) ? "24:00" : clock(next, zone),
                    Duration.between(start, cursor).toMinutes(), Duration.between(start, next).toMinutes(),
                    state.mode().name(), state.reason().name(), state.detail(), state.why().view(zone)));
            cursor = next;
        }
        return bands;
    }

    private static String exception(LineSetup setup, LocalDate date) {
        return setup.exceptions().stream().map(StoredException::day).filter(d -> d.covers(date)).findFirst()
                .map(d -> d.note() == null ? "" : d.note()).orElse(null);
    }

    /** Who set an override that applies during the day, or null. */
    private static String override(ManualOverride o, Schedule schedule, Instant start, Instant end) {
        if (o == null) {
            return null;
        }
        Instant until = schedule.overrideEnd();
        boolean overlaps = o.start().isBefore(end) && (until == null || until.isAfter(start));
        return overlaps ? (o.setBy() == null ? "" : o.setBy()) : null;
    }

    private static String clock(Instant t, ZoneId zone) {
        return t.atZone(zone).toLocalTime().toString().substring(0, 5);
    }
}
