package afterhours.calllog;

import afterhours.schedule.Mode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures the center evaluates its service with: calls by hour of day and by weekday (in the
 * line's zone) split by mode and by answered/unanswered, the share forwarded, the median ring time,
 * per-day totals and the missed calls ({@link Missed}). Fed per quarter hour, so the local time is worked
 * out a few thousand times a year, not once per call.
 */
public final class CallStats {
    /** Counts for one bucket (an hour of day, a weekday, a date). */
    public static class Counts {
        public int total;
        public int open;
        public int forwarded;
        public int answered;
        public int unanswered;

        void add(Mode mode, boolean answered, int n) {
            total += n;
            if (mode == Mode.OPEN) {
                open += n;
            } else if (mode == Mode.FORWARDED) {
                forwarded += n;
            }
            if (answered) {
                this.answered += n;
            } else {
                unanswered += n;
            }
        }
    }

    /** Counts for one hour of the day (in the line's zone), named by the hour so a reader need not count. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"hour", "total", "open", "forwarded", "answered", "unanswered"})
    public static final class HourCounts extends Counts {
        /** 0..23: calls that started from this hour to the next. */
        public final int hour;

        HourCounts(int hour) {
            this.hour = hour;
        }
    }

    /** The statistics as the CLI and API give them. */
    public record Result(int total, int answered, int unanswered, int forwarded, double shareForwarded,
                         Double medianRingSeconds, HourCounts[] byHour, Map<DayOfWeek, Counts> byWeekday,
                         Map<LocalDate, Counts> byDay, Missed missed) { }

    /**
     * The missed calls among them ({@link MissedCall}): how many, their share of all calls, open and
     * forwarded, per weekday and hour of day (in the line's zone), and how they were followed up: called back
     * (with the median time from the call's end to the call-back), no need.
     *
     * @param byWeekdayAndHour per weekday, 24 counts: index 0 is 00:00-01:00
     * @param medianCallBackSeconds null when none was called back
     */
    public record Missed(int total, double share, int open, int forwarded, Map<DayOfWeek, int[]> byWeekdayAndHour,
                         int calledBack, int noNeed, Double medianCallBackSeconds) {

        /** No missed calls (as the figures of a range with none). */
        public static Missed none() {
            Map<DayOfWeek, int[]> grid = new TreeMap<>();
            for (DayOfWeek d : DayOfWeek.values()) {
                grid.put(d, new int[24]);
            }
            return new Missed(0, 0, 0, 0, grid, 0, 0, null);
        }
    }

    private final ZoneId zone;
    private final Counts all = new Counts();
    private final HourCounts[] byHour = new HourCounts[24];
    private final Map<DayOfWeek, Counts> byWeekday = new TreeMap<>();
    private final Map<LocalDate, Counts> byDay = new TreeMap<>();
    /** Ring times counted per millisecond up to an hour (the median then needs no sort); longer ones kept apart. */
    private static final int RING_MS_LIMIT = 3_600_000;
    private int[] ringMillis;
    private final List<Double> longRings = new ArrayList<>();
    private long ringCount;
    /** The median ring time when the store read it at its rank instead of feeding every ring time. */
    private Double medianRing;
    private final Map<DayOfWeek, int[]> missedGrid = Missed.none().byWeekdayAndHour();
    private int missedTotal;
    private int missedOpen;
    private int missedForwarded;
    private int calledBack;
    private int noNeed;
    private final List<Long> callBackMillis = new ArrayList<>();

    public CallStats(ZoneId zone) {
        this.zone = zone;
        for (int h = 0; h < 24; h++) {
            byHour[h] = new HourCounts(h);
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            byWeekday.put(d, new Counts());
        }
    }

    /**
     * {@code n} calls that started in the same quarter hour: every zone's offset is a multiple of 15
     * minutes, so a quarter hour lies in one local hour, weekday and date.
     */
    public void add(Instant quarterHour, Mode mode, boolean answered, int n) {
        ZonedDateTime local = quarterHour.atZone(zone);
        all.add(mode, answered, n);
        byHour[local.getHour()].add(mode, answered, n);
        byWeekday.get(local.getDayOfWeek()).add(mode, answered, n);
        byDay.computeIfAbsent(local.toLocalDate(), d -> new Counts()).add(mode, answered, n);
    }

    /**
     * One missed call that started at {@code start}, with how it was followed up; {@code toCallBack} is the
     * time from its end to the call-back (null unless it was called back).
     */
    public void addMissed(Instant start, Mode mode, CallBack.Outcome outcome, Duration toCallBack) {
        ZonedDateTime local = start.atZone(zone);
        missedTotal++;
        if (mode == Mode.OPEN) {
            missedOpen++;
        } else if (mode == Mode.FORWARDED) {
            missedForwarded++;
        }
        missedGrid.get(local.getDayOfWeek())[local.getHour()]++;
        if (outcome == CallBack.Outcome.CALLED_BACK) {
            calledBack++;
            if (toCallBack != null) {
                callBackMillis.add(Math.max(0, toCallBack.toMillis()));
            }
        } else if (outcome == CallBack.Outcome.NO_NEED) {
            noNeed++;
        }
    }

    /** One call that rang {@code seconds} (stored with millisecond precision). */
    public void addRing(double seconds) {
        long ms = Math.round(seconds * 1000);
        if (ms < RING_MS_LIMIT) {
            if (ringMillis == null) {
                ringMillis = new int[RING_MS_LIMIT];
            }
            ringMillis[(int) Math.max(0, ms)]++;
        } else {
            longRings.add(seconds);
        }
        ringCount++;
    }

    /** The median ring time, read by the store at its rank; the ring times are then not fed one by one. */
    public void setMedianRing(double seconds) {
        medianRing = seconds;
    }

    public Result result() {
        Double median = medianRing != null ? medianRing : ringCount == 0 ? null
                : ringCount % 2 == 1 ? ring(ringCount / 2) : (ring(ringCount / 2 - 1) + ring(ringCount / 2)) / 2;
        double share = all.total == 0 ? 0 : (double) all.forwarded / all.total;
        return new Result(all.total, all.answered, all.unanswered, all.forwarded, share, median, byHour.clone(),
                byWeekday, byDay, missedResult());
    }

    private Missed missedResult() {
        Double median = null;
        if (!callBackMillis.isEmpty()) {
            List<Long> sorted = new ArrayList<>(callBackMillis);
            Collections.sort(sorted);
            int n = sorted.size();
            median = (n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0) / 1000.0;
        }
        return new Missed(missedTotal, all.total == 0 ? 0 : (double) missedTotal / all.total, missedOpen, missedForwarded,
                missedGrid, calledBack, noNeed, median);
    }

    /** The ring time at a 0-based rank in ascending order. */
    private double ring(long rank) {
        long seen = 0;
        if (ringMillis != null) {
            for (int ms = 0; ms < RING_MS_LIMIT; ms++) {
                seen += ringMillis[ms];
                if (rank < seen) {
                    return ms / 1000.0;
                }
            }
        }
        List<Double> sorted = new ArrayList<>(longRings);
        Collections.sort(sorted);
        return sorted.get((int) (rank - seen));
    }
}
