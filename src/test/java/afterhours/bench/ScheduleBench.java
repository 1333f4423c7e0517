package afterhours.bench;

import afterhours.holidays.HolidayRules;
import afterhours.holidays.JollydayHolidays;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.Schedule;
import afterhours.schedule.TimeRange;
import afterhours.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code stateAt} on a year-long schedule (weekdays 08:00-12:00 and 13:00-17:00, Swedish holidays, 50
 * exception days): median and p99 of batches of random instants within 2026, after warm-up (the timeline
 * of a year is compiled on first use, as in the service).
 */
public final class ScheduleBench {
    private ScheduleBench() {
    }

    public static void main(String[] args) {
        ZoneId zone = ZoneId.of("Europe/Stockholm");
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getValue() <= 5) {
                days.put(d, List.of(TimeRange.parse("08:00-12:00"), TimeRange.parse("13:00-17:00")));
            }
        }
        List<ExceptionDay> exceptions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            LocalDate date = LocalDate.of(2026, 1, 3).plusDays(i * 7L);
            exceptions.add(i % 2 == 0 ? ExceptionDay.closed(date, "closed " + i)
                    : new ExceptionDay(date, date, List.of(TimeRange.parse("10:00-12:00")), "short " + i));
        }
        Schedule schedule = Schedule.of(zone, WeeklyHours.of(days), exceptions, JollydayHolidays.of(HolidayRules.SWEDEN));
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        Random random = new Random(42);
        Instant[] instants = new Instant[100_000];
        for (int i = 0; i < instants.length; i++) {
            instants[i] = Instant.ofEpochSecond(from + (long) (random.nextDouble() * 365 * 86_400));
        }
        long sink = 0;
        for (int warm = 0; warm < 20; warm++) {
            for (Instant t : instants) {
                sink += schedule.stateAt(t).mode().ordinal();
            }
        }
        int batches = 200;
        int perBatch = 1000;
        double[] nanosPerCall = new double[batches];
        for (int b = 0; b < batches; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < perBatch; i++) {
                sink += schedule.stateAt(instants[(b * perBatch + i) % instants.length]).mode().ordinal();
            }
            nanosPerCall[b] = (System.nanoTime() - start) / (double) perBatch;
        }
        Arrays.sort(nanosPerCall);
        BenchReport.header("figure", "value", "target");
        BenchReport.row("schedule", "stateAt, year schedule + 50 exceptions, median us",
                String.format("%.3f", nanosPerCall[batches / 2] / 1000), "< 1");
        BenchReport.row("schedule", "stateAt, p99 of 1000-call batches, us",
                String.format("%.3f", nanosPerCall[(int) (batches * 0.99)] / 1000), "-");
        if (sink == 42) {
            System.out.println();
        }
    }
}
