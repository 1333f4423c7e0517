package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.schedule.Mode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The call statistics worked out call by call in plain Java, to hold the store's figures against: the
 * kept per-quarter-hour counts, the partial quarter hours at a range's ends and the median ring time read
 * at its rank must give exactly these. Used on SQLite and on PostgreSQL.
 */
public final class CallStatsOracle {
    public static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private CallStatsOracle() {
    }

    /**
     * Random calls over three days around each of the year's DST changes, on two lines. About a third are
     * first written while in progress with another start (up to 20 minutes later), mode, answerer, ring
     * time and line, and then replaced by their final record, so the counts must move with the update.
     */
    public static List<CallRecord> writeRandomCalls(CallStore store, long seed, int n) {
        Random random = new Random(seed);
        Instant[] around = {Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2026-10-24T12:00:00Z")};
        List<CallRecord> calls = new ArrayList<>();
        List<CallRecord> inProgress = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant start = around[i % 2].plusMillis((long) (random.nextDouble() * Duration.ofDays(3).toMillis()));
            CallRecord c = call("s." + i, i % 7 == 0 ? "other" : "center", start, random);
            calls.add(c);
            if (random.nextInt(3) == 0) {
                CallRecord early = call(c.linkedId(), i % 5 == 0 ? "other" : "center",
                        start.plusMillis(random.nextInt(20 * 60_000)), random);
                inProgress.add(inProgress(early));
            }
        }
        store.write(inProgress);
        store.write(calls);
        return calls;
    }

    private static CallRecord inProgress(CallRecord c) {
        return new CallRecord(c.linkedId(), c.lineId(), c.did(), c.callerNumber(), c.callerName(), c.startedAt(), c.mode(),
                c.reason(), c.decidedBy(), c.route(), c.attempts(), c.answeredBy(), c.answeredAt(), null, c.ringSeconds(),
                null, null, null, CallStatus.IN_PROGRESS);
    }

    private static CallRecord call(String id, String line, Instant start, Random random) {
        Mode mode = switch (random.nextInt(5)) {
            case 0 -> null;
            case 1, 2 -> Mode.OPEN;
            default -> Mode.FORWARDED;
        };
        String answeredBy = List.of("office", "contractor", "other", "nobody").get(random.nextInt(4));
        // ring times with millisecond precision, many equal ones, and some unknown
        Double ring = random.nextInt(10) == 0 ? null : random.nextInt(4) == 0 ? 7.0 : random.nextInt(60_000) / 1000.0;
        CallRecord c = CallQueryTest.call(id, line, start.toString(), Mode.OPEN,
                random.nextBoolean() ? "office" : "contractor", answeredBy, "07" + random.nextInt(5), "N",
                ring == null ? 0.0 : ring);
        return new CallRecord(c.linkedId(), c.lineId(), c.did(), c.callerNumber(), c.callerName(), c.startedAt(), mode,
                c.reason(), c.decidedBy(), c.route(), c.attempts(), c.answeredBy(), c.answeredAt(), c.endedAt(), ring,
                c.talkSeconds(), c.hangupCause(), c.hangupText(), c.status());
    }

    /** Filters with ranges on and off quarter hours (the page's days start at local midnight), with every field. */
    public static List<CallFilter> filters() {
        Instant from = Instant.parse("2026-03-28T23:07:13.001Z");
        Instant to = Instant.parse("2026-10-26T01:52:59.999Z");
        Instant midnight = LocalDate.parse("2026-03-29").atStartOfDay(STOCKHOLM).toInstant();
        Instant autumnMidnight = LocalDate.parse("2026-10-25").atStartOfDay(STOCKHOLM).toInstant();
        return List.of(
                new CallFilter("center", null, null, null, null, null, null),
                new CallFilter("center", from, to, null, null, null, null),
                new CallFilter("center", midnight, autumnMidnight.plus(Duration.ofDays(1)), null, null, null, null),
                new CallFilter("center", Instant.parse("2026-03-29T00:05:00Z"), Instant.parse("2026-03-29T00:10:00Z"),
                        null, null, null, null),
                new CallFilter("center", from, null, Mode.FORWARDED, null, null, null),
                new CallFilter("center", null, to, Mode.OPEN, null, true, null),
                new CallFilter("center", midnight, null, null, null, false, null),
                new CallFilter("center", null, to, null, CallRoute.OFFICE, true, null),
                new CallFilter("center", null, null, null, null, false, "071"),
                new CallFilter(null, from, to, null, null, null, null),
                new CallFilter(null, null, null, Mode.FORWARDED, null, null, null),
                new CallFilter("nobody-here", null, null, null, null, null, null));
    }

    /** The store's statistics equal the call-by-call figures on every filter, with both ways of reading the median. */
    public static void assertStoreMatches(CallStore store, List<CallRecord> calls) {
        for (CallFilter f : filters()) {
            CallStats.Result expected = byHand(calls, f);
            for (long readAll : new long[] {Long.MAX_VALUE, 0}) {
                CallStats.Result actual = store.stats(f, STOCKHOLM, readAll);
                String as = f + ", ring times read in full up to " + readAll;
                assertThat(actual.total()).as(as).isEqualTo(expected.total());
                assertThat(actual.answered()).as(as).isEqualTo(expected.answered());
                assertThat(actual.forwarded()).as(as).isEqualTo(expected.forwarded());
                assertThat(actual.medianRingSeconds()).as(as).isEqualTo(expected.medianRingSeconds());
                assertThat(actual.byHour()).as(as).usingRecursiveFieldByFieldElementComparator()
                        .containsExactly(expected.byHour());
                assertThat(actual.byWeekday()).as(as).usingRecursiveComparison().isEqualTo(expected.byWeekday());
                assertThat(actual.byDay()).as(as).usingRecursiveComparison().isEqualTo(expected.byDay());
            }
        }
    }

    /** The figures worked out call by call: the local time of each call, every ring time sorted. */
    static CallStats.Result byHand(List<CallRecord> calls, CallFilter f) {
        CallStats.Counts all = new CallStats.Counts();
        CallStats.HourCounts[] hours = new CallStats.HourCounts[24];
        for (int h = 0; h < 24; h++) {
            hours[h] = new CallStats.HourCounts(h);
        }
        Map<DayOfWeek, CallStats.Counts> weekdays = new TreeMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            weekdays.put(d, new CallStats.Counts());
        }
        Map<LocalDate, CallStats.Counts> days = new TreeMap<>();
        List<Double> rings = new ArrayList<>();
        for (CallRecord c : calls) {
            boolean answered = c.answeredBy() != Answerer.NOBODY;
            if ((f.lineId() != null && !f.lineId().equals(c.lineId()))
                    || (f.from() != null && c.startedAt().isBefore(f.from()))
                    || (f.to() != null && !c.startedAt().isBefore(f.to()))
                    || (f.mode() != null && f.mode() != c.mode()) || (f.route() != null && f.route() != c.route())
                    || (f.answered() != null && f.answered() != answered)
                    || (f.caller() != null && !f.caller().equals(c.callerNumber()))) {
                continue;
            }
            ZonedDateTime local = c.startedAt().atZone(STOCKHOLM);
            all.add(c.mode(), answered, 1);
            hours[local.getHour()].add(c.mode(), answered, 1);
            weekdays.get(local.getDayOfWeek()).add(c.mode(), answered, 1);
            days.computeIfAbsent(local.toLocalDate(), d -> new CallStats.Counts()).add(c.mode(), answered, 1);
            if (c.ringSeconds() != null) {
                rings.add(c.ringSeconds());
            }
        }
        rings.sort(null);
        int n = rings.size();
        Double median = n == 0 ? null : n % 2 == 1 ? rings.get(n / 2) : (rings.get(n / 2 - 1) + rings.get(n / 2)) / 2;
        return new CallStats.Result(all.total, all.answered, all.unanswered, all.forwarded,
                all.total == 0 ? 0 : (double) all.forwarded / all.total, median, hours, weekdays, days,
                CallStats.Missed.none());
    }
}
