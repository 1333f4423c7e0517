package afterhours.calllog;

import afterhours.schedule.Mode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures the center evaluates its service with: calls by hour of day and by weekday (in the
 * line's zone) split by mode and by answered/unanswered, the share forwarded, the median ring time and
 * per-day totals. Built by streaming the rows once.
 */
public final class CallStats {
    /** Counts for one bucket (an hour of day, a weekday, a date). */
    public static final class Counts {
        public int total;
        public int open;
        public int forwarded;
        public int answered;
        public int unanswered;

        void add(Mode mode, boolean answered) {
            total++;
            if (mode == Mode.OPEN) {
                open++;
            } else if (mode == Mode.FORWARDED) {
                forwarded++;
            }
            if (answered) {
                this.answered++;
            } else {
                unanswered++;
            }
        }
    }

    /** The statistics as the CLI and API give them. */
    public record Result(int total, int answered, int unanswered, int forwarded, double shareForwarded,
                         Double medianRingSeconds, Counts[] byHour, Map<DayOfWeek, Counts> byWeekday,
                         Map<LocalDate, Counts> byDay) { }

    private final ZoneId zone;
    private final Counts all = new Counts();
    private final Counts[] byHour = new Counts[24];
    private final Map<DayOfWeek, Counts> byWeekday = new TreeMap<>();
    private final Map<LocalDate, Counts> byDay = new TreeMap<>();
    private double[] rings = new double[1024];
    private int ringCount;

    public CallStats(ZoneId zone) {
        this.zone = zone;
        for (int h = 0; h < 24; h++) {
            byHour[h] = new Counts();
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            byWeekday.put(d, new Counts());
        }
    }

    public void add(Instant startedAt, Mode mode, boolean answered, Double ringSeconds) {
        ZonedDateTime local = startedAt.atZone(zone);
        all.add(mode, answered);
        byHour[local.getHour()].add(mode, answered);
        byWeekday.get(local.getDayOfWeek()).add(mode, answered);
        byDay.computeIfAbsent(local.toLocalDate(), d -> new Counts()).add(mode, answered);
        if (ringSeconds != null) {
            if (ringCount == rings.length) {
                rings = Arrays.copyOf(rings, rings.length * 2);
            }
            rings[ringCount++] = ringSeconds;
        }
    }

    public Result result() {
        Double median = null;
        if (ringCount > 0) {
            double[] sorted = Arrays.copyOf(rings, ringCount);
            Arrays.sort(sorted);
            median = ringCount % 2 == 1 ? sorted[ringCount / 2] : (sorted[ringCount / 2 - 1] + sorted[ringCount / 2]) / 2;
        }
        double share = all.total == 0 ? 0 : (double) all.forwarded / all.total;
        return new Result(all.total, all.answered, all.unanswered, all.forwarded, share, median, byHour.clone(),
                byWeekday, byDay);
    }
}
