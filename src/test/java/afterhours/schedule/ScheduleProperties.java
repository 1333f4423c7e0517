package afterhours.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random weekly hours, exception days, overrides and instants (weighted to the 2026 and 2027 DST
 * changes and year ends), in zones with unusual transitions; checked against {@link Oracle}.
 */
class ScheduleProperties {
    private static final List<Instant> TRANSITIONS = List.of(
            Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
            Instant.parse("2027-03-28T01:00:00Z"), Instant.parse("2027-10-31T01:00:00Z"),
            Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"),
            Instant.parse("2026-04-04T15:00:00Z"), Instant.parse("2026-10-03T15:30:00Z"),
            Instant.parse("2026-04-05T03:00:00Z"), Instant.parse("2026-09-06T04:00:00Z"));
    private static final List<Instant> YEAR_ENDS = List.of(
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
            Instant.parse("2028-01-01T00:00:00Z"));

    /** A generated case: a schedule, the oracle for it and an instant. */
    record Case(Schedule schedule, Oracle oracle, Instant t, WeeklyHours weekly) {
        @Override
        public String toString() {
            return "zone=" + schedule.zone() + " weekly=" + weekly + " exceptions=" + schedule.exceptions()
                    + " override=" + schedule.override().orElse(null) + " t=" + t;
        }
    }

    @Property(tries = 1500)
    void modeAgreesWithTheOracle(@ForAll("cases") Case c) {
        assertThat(c.schedule.stateAt(c.t).mode()).isEqualTo(c.oracle.mode(c.t));
    }

    @Property(tries = 1000)
    void modeIsConstantFromSinceUntilNextChangeAndDiffersThere(@ForAll("cases") Case c) {
        LineState state = c.schedule.stateAt(c.t);
        assertThat(state.at()).isEqualTo(c.t);
        Mode mode = state.mode();
        if (state.nextChange() != null) {
            assertThat(state.nextChange()).isAfter(c.t);
            assertThat(c.oracle.mode(state.nextChange())).as("mode at nextChange").isNotEqualTo(mode);
            assertThat(c.schedule.stateAt(state.nextChange()).mode()).isEqualTo(mode.opposite());
            for (Instant b : c.oracle.candidates(c.t, state.nextChange())) {
                assertThat(c.oracle.mode(b)).as("mode at %s before nextChange", b).isEqualTo(mode);
            }
        }
        if (state.since() != null) {
            assertThat(state.since()).isBeforeOrEqualTo(c.t);
            assertThat(c.oracle.mode(state.since())).isEqualTo(mode);
            assertThat(c.oracle.mode(state.since().minusNanos(1))).as("mode just before since").isNotEqualTo(mode);
            for (Instant b : c.oracle.candidates(state.since(), c.t)) {
                assertThat(c.oracle.mode(b)).as("mode at %s after since", b).isEqualTo(mode);
            }
        }
        if (hasRealHours(c.weekly)) {
            assertThat(state.nextChange()).as("a line with weekly hours always has a next change").isNotNull();
            assertThat(state.since()).isNotNull();
        }
    }

    /** The status's "until" and the manual setting's end never disagree for an override until the next change. */
    @Property(tries = 500)
    void anOverrideUntilTheNextChangeEndsWhenTheLinesModeChanges(@ForAll("cases") Case c) {
        ManualOverride o = c.schedule.override().orElse(null);
        if (o == null || !o.untilNextChange()) {
            return;
        }
        LineState forced = c.schedule.stateAt(o.start());
        assertThat(forced.reason()).isEqualTo(Reason.OVERRIDE);
        assertThat(forced.why().until()).isEqualTo(c.schedule.overrideEnd());
        if (c.schedule.overrideEnd() != null) {
            assertThat(forced.nextChange()).isEqualTo(c.schedule.overrideEnd());
        }
    }

    @Property(tries = 300)
    void consecutiveChangesAlternate(@ForAll("cases") Case c) {
        List<LineState> changes = c.schedule.changesAfter(c.t, 6);
        Mode previous = c.schedule.stateAt(c.t).mode();
        Instant at = c.t;
        for (LineState change : changes) {
            assertThat(change.at()).isAfter(at);
            assertThat(change.mode()).isEqualTo(previous.opposite());
            assertThat(change.since()).isEqualTo(change.at());
            previous = change.mode();
            at = change.at();
        }
    }

    private static boolean hasRealHours(WeeklyHours weekly) {
        return weekly.asMap().values().stream().flatMap(List::stream)
                .anyMatch(r -> r.endMinuteFromStartDay() - r.startMinute() >= 90);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ZoneId> zones = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(ZoneId.of("Europe/Stockholm"))),
                Tuple.of(1, Arbitraries.of(ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"),
                        ZoneId.of("America/Santiago"), ZoneId.of("Europe/London"))));
        Arbitrary<Boolean> swedishHolidays = Arbitraries.of(true, false);
        Arbitrary<Instant> overrideStart = instants();
        Arbitrary<Long> overrideMinutes = Arbitraries.longs().between(1, 14 * 24 * 60);
        return Combinators.combine(zones, weekly(), exceptions(), swedishHolidays, instants(),
                        Arbitraries.integers().between(0, 5), overrideStart, overrideMinutes)
                .as((zone, weekly, exceptions, holidays, t, overrideKind, ovStart, ovMinutes) -> {
                    HolidayCalendar calendar = holidays ? Schedules.SWEDEN : HolidayCalendar.NONE;
                    Schedule schedule = Schedule.of(zone, weekly, exceptions, calendar);
                    ManualOverride override = switch (overrideKind) {
                        case 0 -> new ManualOverride(Mode.OPEN, ovStart, ovStart.plus(Duration.ofMinutes(ovMinutes)), "t", null);
                        case 1 -> new ManualOverride(Mode.FORWARDED, ovStart, ovStart.plus(Duration.ofMinutes(ovMinutes)), "t", null);
                        case 2 -> new ManualOverride(Mode.OPEN, ovStart, null, "t", null);
                        case 3 -> new ManualOverride(Mode.FORWARDED, ovStart, null, "t", null);
                        default -> null;
                    };
                    schedule = schedule.withOverride(override);
                    Oracle oracle = new Oracle(zone, weekly, schedule.exceptions(), calendar, override,
                            schedule.overrideEnd());
                    return new Case(schedule, oracle, t, weekly);
                });
    }

    /** Instants in 2026-2027, half of them within hours of a DST change or a year end. */
    private static Arbitrary<Instant> instants() {
        long from = Instant.parse("2025-12-28T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2028-01-03T00:00:00Z").getEpochSecond();
        Arbitrary<Instant> uniform = Arbitraries.longs().between(from, to).map(Instant::ofEpochSecond);
        Arbitrary<Long> near = Arbitraries.longs().between(-36 * 3600, 36 * 3600)
                .edgeCases(e -> e.add(0L));
        Arbitrary<Instant> nearTransition = Combinators.combine(Arbitraries.of(TRANSITIONS), near)
                .as((base, offset) -> base.plusSeconds(offset));
        Arbitrary<Instant> nearYearEnd = Combinators.combine(Arbitraries.of(YEAR_ENDS), near)
                .as((base, offset) -> base.plusSeconds(offset));
        return Arbitraries.frequencyOf(Tuple.of(2, uniform), Tuple.of(2, nearTransition), Tuple.of(1, nearYearEnd));
    }

    /** Ranges of one day on a 15-minute grid; an odd cut count makes the last range cross midnight. */
    private static Arbitrary<List<TimeRange>> dayRanges() {
        Arbitrary<List<Integer>> cuts = Arbitraries.integers().between(0, 95).list().ofMaxSize(5).uniqueElements();
        Arbitrary<Integer> spill = Arbitraries.integers().between(1, 20);
        return Combinators.combine(cuts, spill).as((list, spillQuarters) -> {
            List<Integer> sorted = new ArrayList<>(list);
            sorted.sort(Integer::compare);
            List<TimeRange> ranges = new ArrayList<>();
            for (int i = 0; i + 1 < sorted.size(); i += 2) {
                ranges.add(new TimeRange(sorted.get(i) * 15, sorted.get(i + 1) * 15));
            }
            int last = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) * 15;
            if (sorted.size() % 2 == 1 && last >= 30) {
                ranges.add(new TimeRange(last, Math.min(spillQuarters * 15, last - 15)));
            }
            return ranges;
        });
    }

    private static Arbitrary<WeeklyHours> weekly() {
        return dayRanges().list().ofSize(7).map(days -> {
            Map<DayOfWeek, List<TimeRange>> map = new EnumMap<>(DayOfWeek.class);
            for (int i = 0; i < 7; i++) {
                map.put(DayOfWeek.of(i + 1), days.get(i));
            }
            try {
                return WeeklyHours.of(map);
            } catch (IllegalArgumentException overlapAcrossMidnight) {
                return null;
            }
        }).filter(w -> w != null);
    }

    private static Arbitrary<List<ExceptionDay>> exceptions() {
        Arbitrary<LocalDate> start = Arbitraries.integers().between(0, 760)
                .map(d -> LocalDate.of(2025, 12, 20).plusDays(d));
        Arbitrary<ExceptionDay> one = Combinators.combine(start, Arbitraries.integers().between(0, 4),
                        Arbitraries.of(true, false), dayRanges())
                .as((first, length, closed, hours) -> new ExceptionDay(first, first.plusDays(length),
                        closed ? List.of() : hours, "exception"));
        return one.list().ofMaxSize(4).filter(list -> {
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    if (list.get(i).overlaps(list.get(j))) {
                        return false;
                    }
                }
            }
            return true;
        });
    }
}
