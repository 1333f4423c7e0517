package afterhours.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The schedule (without override) compiled into segments of constant mode, reason and detail, one
 * array per calendar year, built on first use and kept. A lookup is one binary search; the next and
 * previous mode change come from precomputed indexes. Pure: depends only on the day plans and the zone.
 */
final class Timeline {
    /** How far {@link #nextChange} and {@link #since} look before answering "none". */
    static final int HORIZON_YEARS = 10;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Function<LocalDate, DayPlan> plans;
    private final Map<Integer, Year> years = new ConcurrentHashMap<>();

    Timeline(ZoneId zone, Function<LocalDate, DayPlan> plans) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.plans = plans;
    }

    /** The segment holding {@code t}. */
    Segment at(Instant t) {
        Year year = year(yearOf(t));
        int i = year.indexOf(t.getEpochSecond());
        return year.segment(i);
    }

    Mode modeAt(Instant t) {
        Year year = year(yearOf(t));
        return year.modes[year.indexOf(t.getEpochSecond())];
    }

    /** First instant after {@code t} where the mode differs from the mode at {@code t}, or null. */
    Instant nextChange(Instant t) {
        int y = yearOf(t);
        Year year = year(y);
        int i = year.indexOf(t.getEpochSecond());
        Mode mode = year.modes[i];
        int j = year.nextModeIndex[i];
        if (j >= 0) {
            return Instant.ofEpochSecond(year.starts[j]);
        }
        for (int next = y + 1; next <= y + HORIZON_YEARS; next++) {
            Year following = year(next);
            if (following.modes[0] != mode) {
                return Instant.ofEpochSecond(following.starts[0]);
            }
            if (following.nextModeIndex[0] >= 0) {
                return Instant.ofEpochSecond(following.starts[following.nextModeIndex[0]]);
            }
        }
        return null;
    }

    /** The instant the mode at {@code t} began, or null when it began before the horizon. */
    Instant since(Instant t) {
        int y = yearOf(t);
        Year year = year(y);
        int i = year.indexOf(t.getEpochSecond());
        Mode mode = year.modes[i];
        int k = year.modeStartIndex[i];
        if (k > 0) {
            return Instant.ofEpochSecond(year.starts[k]);
        }
        for (int previous = y - 1; previous >= y - HORIZON_YEARS; previous--) {
            Year earlier = year(previous);
            int last = earlier.starts.length - 1;
            if (earlier.modes[last] != mode) {
                return Instant.ofEpochSecond(year(previous + 1).starts[0]);
            }
            int start = earlier.modeStartIndex[last];
            if (start > 0) {
                return Instant.ofEpochSecond(earlier.starts[start]);
            }
        }
        return null;
    }

    /**
     * The instant a local time takes effect: in a spring-forward gap, the first instant after the gap;
     * in the repeated autumn hour, its first occurrence.
     */
    Instant instantOf(LocalDate date, int minuteOfDay) {
        LocalDateTime local = date.atStartOfDay().plusMinutes(minuteOfDay);
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return local.toInstant(firstOccurrence(offsets));
    }

    /** Of the offsets a repeated local time has, the one that makes it happen first (the larger). */
    static ZoneOffset firstOccurrence(List<ZoneOffset> offsets) {
        ZoneOffset first = offsets.get(0);
        for (ZoneOffset o : offsets) {
            if (o.getTotalSeconds() > first.getTotalSeconds()) {
                first = o;
            }
        }
        return first;
    }

    private int yearOf(Instant t) {
        return LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, rules.getOffset(t)).getYear();
    }

    private Year year(int y) {
        return years.computeIfAbsent(y, this::build);
    }

    /** A piece of time where mode, reason and detail stay the same. */
    record Segment(Instant start, Mode mode, Reason reason, Detail detail) { }

    private record Period(long start, long end, Reason reason, Detail detail) { }

    private Year build(int y) {
        LocalDate first = LocalDate.of(y, 1, 1);
        LocalDate end = first.plusYears(1);
        long from = instantOf(first, 0).getEpochSecond();
        long to = instantOf(end, 0).getEpochSecond();

        // opening periods by the day that owns them; a day's range may run into the next day
        Map<LocalDate, List<Period>> periods = new HashMap<>();
        TreeSet<Long> cuts = new TreeSet<>();
        cuts.add(from);
        for (LocalDate day = first.minusDays(1); day.isBefore(end); day = day.plusDays(1)) {
            if (!day.isBefore(first)) {
                cuts.add(instantOf(day, 0).getEpochSecond());
            }
            DayPlan plan = plans.apply(day);
            List<Period> own = new ArrayList<>();
            for (TimeRange range : plan.ranges()) {
                long start = instantOf(day, range.startMinute()).getEpochSecond();
                long stop = instantOf(day, range.endMinuteFromStartDay()).getEpochSecond();
                if (start < stop) {
                    own.add(new Period(start, stop, plan.openReason(), plan.openDetailFor(range)));
                    addCut(cuts, start, from, to);
                    addCut(cuts, stop, from, to);
                }
            }
            periods.put(day, own);
        }

        List<Long> starts = new ArrayList<>();
        List<Mode> modes = new ArrayList<>();
        List<Reason> reasons = new ArrayList<>();
        List<Detail> details = new ArrayList<>();
        for (long cut : cuts) {
            LocalDate day = LocalDateTime.ofEpochSecond(cut, 0, rules.getOffset(Instant.ofEpochSecond(cut))).toLocalDate();
            Period open = openAt(cut, periods.get(day.minusDays(1)), periods.get(day));
            Mode mode;
            Reason reason;
            Detail detail;
            if (open != null) {
                mode = Mode.OPEN;
                reason = open.reason;
                detail = open.detail;
            } else {
                DayPlan plan = plans.apply(day);
                mode = Mode.FORWARDED;
                reason = plan.closedReason();
                detail = plan.closedDetail();
            }
            int last = modes.size() - 1;
            if (last >= 0 && modes.get(last) == mode && reasons.get(last) == reason
                    && Objects.equals(details.get(last), detail)) {
                continue;
            }
            starts.add(cut);
            modes.add(mode);
            reasons.add(reason);
            details.add(detail);
        }
        return new Year(starts, modes, reasons, details);
    }

    private static void addCut(TreeSet<Long> cuts, long cut, long from, long to) {
        if (cut > from && cut < to) {
            cuts.add(cut);
        }
    }

    /** The period open at {@code t}; the one that began first wins when two meet. */
    private static Period openAt(long t, List<Period> yesterday, List<Period> today) {
        Period best = null;
        for (List<Period> list : List.of(yesterday == null ? List.<Period>of() : yesterday,
                today == null ? List.<Period>of() : today)) {
            for (Period p : list) {
                if (p.start <= t && t < p.end && (best == null || p.start < best.start)) {
                    best = p;
                }
            }
        }
        return best;
    }

    /** One calendar year's segments plus indexes of where each mode run starts and the next run begins. */
    private static final class Year {
        final long[] starts;
        final Mode[] modes;
        final Reason[] reasons;
        final Detail[] details;
        final int[] modeStartIndex;
        final int[] nextModeIndex;

        Year(List<Long> starts, List<Mode> modes, List<Reason> reasons, List<Detail> details) {
            int n = starts.size();
            this.starts = new long[n];
            this.modes = modes.toArray(new Mode[0]);
            this.reasons = reasons.toArray(new Reason[0]);
            this.details = details.toArray(new Detail[0]);
            this.modeStartIndex = new int[n];
            this.nextModeIndex = new int[n];
            for (int i = 0; i < n; i++) {
                this.starts[i] = starts.get(i);
                modeStartIndex[i] = i > 0 && this.modes[i - 1] == this.modes[i] ? modeStartIndex[i - 1] : i;
            }
            for (int i = n - 1; i >= 0; i--) {
                nextModeIndex[i] = i + 1 < n
                        ? (this.modes[i + 1] != this.modes[i] ? i + 1 : nextModeIndex[i + 1])
                        : -1;
            }
        }

        int indexOf(long epochSecond) {
            int lo = 0;
            int hi = starts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= epochSecond) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        Segment segment(int i) {
            return new Segment(Instant.ofEpochSecond(starts[i]), modes[i], reasons[i], details[i]);
        }
    }
}
