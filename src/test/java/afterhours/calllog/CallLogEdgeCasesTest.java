package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.CallLogLines;
import afterhours.asterisk.RecordedDecisions;
import afterhours.asterisk.Recordings;
import afterhours.schedule.Mode;
import afterhours.support.OffsetClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traffic that is not tidy: many calls at once, duplicates, reconnects, crashes, gaps. */
class CallLogEdgeCasesTest {
    @TempDir
    Path dir;

    private CallLogHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new CallLogHarness(dir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static RoutingDecision renamed(RoutingDecision d, String suffix) {
        return new RoutingDecision(d.at(), d.uniqueId() + suffix, d.channel(), d.lineId(), d.did(), d.callerNumber(),
                d.callerName(), d.mode(), d.reason(), d.dial(), d.overflow());
    }

    /** A route decision for a call whose events never come. */
    private static RoutingDecision openDecision(Instant at, String uniqueId) {
        return new RoutingDecision(at, uniqueId, "Local/x@y;2", "trygghetscenter", "0541234567", "0701234567", "Caller",
                Mode.OPEN, "REGULAR_HOURS", "PJSIP/reception", "PJSIP/desk");
    }

    /** What each recorded scenario must give: route and who answered. */
    private static final Map<String, String[]> OUTCOMES = Map.of(
            "call-open-agi", new String[] {"office", "office"},
            "call-forwarded-agi", new String[] {"contractor", "contractor"},
            "call-agi-down-astdb", new String[] {"contractor", "contractor"},
            "call-agi-down-stale", new String[] {"failsafe", "contractor"},
            "call-office-noanswer", new String[] {"office", "nobody"},
            "call-office-busy", new String[] {"office", "nobody"},
            "call-caller-gives-up", new String[] {"office", "nobody"},
            "call-withheld", new String[] {"office", "office"},
            "call-overflow", new String[] {"overflow", "contractor"},
            "call-other-number", new String[] {null, null});

    @Test
    void aMixedDayOfInterleavedCallsGivesOneRecordPerCallWithTheRightTotals() {
        List<String> scenarios = List.copyOf(new java.util.TreeSet<>(OUTCOMES.keySet()));
        int copies = 15;
        Map<String, Integer> expectedRoutes = new HashMap<>();
        Map<String, Integer> expectedAnswered = new HashMap<>();
        List<List<String>> calls = new ArrayList<>();
        int managed = 0;
        for (int k = 0; k < copies; k++) {
            for (String name : scenarios) {
                String suffix = "-" + k;
                if (Recordings.dir().resolve(name + ".agi.rx").toFile().exists()) {
                    RecordedDecisions.of(name, name.contains("forwarded") ? Mode.FORWARDED : Mode.OPEN)
                            .forEach(d -> harness.callLog.decided(renamed(d, suffix)));
                }
                calls.add(Recordings.asAnotherCall(Recordings.events(name + ".ami.rx"), suffix, k * 3_600_000L));
                String[] outcome = OUTCOMES.get(name);
                if (outcome[0] != null) {
                    managed++;
                    expectedRoutes.merge(outcome[0], 1, Integer::sum);
                    expectedAnswered.merge(outcome[1], 1, Integer::sum);
                }
            }
        }
        // interleave: eight calls at a time, their events mixed one by one
        long events = 0;
        for (int start = 0; start < calls.size(); start += 8) {
            List<List<String>> group = calls.subList(start, Math.min(start + 8, calls.size()));
            List<String> mixed = new ArrayList<>();
            for (int i = 0; group.stream().anyMatch(c -> c.size() > 0); i++) {
                boolean any = false;
                for (List<String> c : group) {
                    if (i < c.size()) {
                        mixed.add(c.get(i));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
            events += harness.send(mixed);
        }
        harness.awaitQuiet(events);

        List<CallRecord> all = new ArrayList<>();
        harness.callLog.store().stream(CallFilter.all(), all::add);
        assertThat(all).hasSize(managed);
        assertThat(all).allSatisfy(c -> assertThat(c.status()).isEqualTo(CallStatus.COMPLETE));
        Map<String, Integer> routes = new HashMap<>();
        Map<String, Integer> answered = new HashMap<>();
        all.forEach(c -> {
            routes.merge(c.route().key(), 1, Integer::sum);
            answered.merge(c.answeredBy().key(), 1, Integer::sum);
        });
        assertThat(routes).isEqualTo(expectedRoutes);
        assertThat(answered).isEqualTo(expectedAnswered);
    }

    @Test
    void duplicatedEventsChangeNothing() {
        RecordedDecisions.of("call-overflow", Mode.OPEN).forEach(harness.callLog::decided);
        List<String> twice = new ArrayList<>();
        for (String e : Recordings.events("call-overflow.ami.rx")) {
            twice.add(e);
            twice.add(e);
        }
        harness.awaitQuiet(harness.send(twice));
        // and the whole call once more, late
        harness.awaitQuiet(harness.gateway.events().accepted() + harness.send(Recordings.events("call-overflow.ami.rx")));
        assertThat(harness.callLog.store().page(CallFilter.all(), null, 10).calls()).singleElement().satisfies(c -> {
            assertThat(c.route()).isEqualTo(CallRoute.OVERFLOW);
            assertThat(c.attempts()).hasSize(2);
            assertThat(c.answeredBy()).isEqualTo(Answerer.CONTRACTOR);
            assertThat(c.talkSeconds()).isEqualTo(2.003);
        });
    }

    @Test
    void aCallWhoseEventsArriveAfterAReconnectIsCompleteAndTheGapIsRecorded() {
        RecordedDecisions.of("call-office-noanswer", Mode.OPEN).forEach(harness.callLog::decided);
        List<String> events = Recordings.events("call-office-noanswer.ami.rx");
        int half = events.size() / 2;
        long sent = harness.send(events.subList(0, half));
        harness.awaitStarted("1795595891.17");

        harness.asterisk.dropConnections();
        // the library reconnects within milliseconds; the gap it reports is the sign it was down
        // (the first gap is the time from the start to the first login)
        await().atMost(Duration.ofSeconds(15)).until(() -> harness.callLog.store()
                .gaps(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).stream()
                .filter(g -> !g.stillDown()).count() >= 2
                && harness.gateway.health().connected() && harness.asterisk.loggedInSessions() == 1);
        sent += harness.send(events.subList(half, events.size()));
        harness.awaitQuiet(sent);

        CallRecord c = harness.call("1795595891.17");
        assertThat(c.status()).isEqualTo(CallStatus.COMPLETE);
        assertThat(c.answeredBy()).isEqualTo(Answerer.NOBODY);
        assertThat(c.ringSeconds()).isEqualTo(20.021);
    }

    @Test
    void decisionsWithNoEventsToFollowWaitInABoundedQueue() {
        // AMI is down: calls are still routed, but no event comes to apply their decisions
        Instant now = Instant.now();
        OffsetClock clock = OffsetClock.startingAt(now);
        CallLog log = new CallLog(new CallStore(harness.app.database()), new CallLogLines(harness.app.lines()), clock);
        try {
            for (int i = 0; i < 2_500; i++) {
                log.decided(openDecision(now, "1795595840." + i));
                assertThat(log.queuedDecisions()).isLessThanOrEqualTo(CallLog.MAX_QUEUED_DECISIONS);
            }
            assertThat(log.inProgress()).isZero();
            assertThat(log.queuedDecisions()).isZero();
            assertThat(log.waitingDecisions()).isEqualTo(2_500);
            // their calls never show up: 10 minutes on, the next overflow forgets them
            Instant later = now.plus(Duration.ofMinutes(11));
            clock.jumpTo(later);
            for (int i = 0; i < CallLog.MAX_QUEUED_DECISIONS + 1; i++) {
                log.decided(openDecision(later, "1795599999." + i));
            }
            assertThat(log.waitingDecisions()).isEqualTo(CallLog.MAX_QUEUED_DECISIONS + 1);
        } finally {
            log.close();
        }
    }

    @Test
    void aCrashBetweenStartAndEndLeavesARecordClosedAsEndUnknown() {
        List<String> events = Recordings.events("call-open-agi.ami.rx");
        harness.send(events.subList(0, events.size() / 2));
        harness.awaitStarted("1795595840.1");
        assertThat(harness.call("1795595840.1").status()).isEqualTo(CallStatus.IN_PROGRESS);

        // the process dies here; the next one starts on the same file
        CallLog restarted = new CallLog(new CallStore(harness.app.database()), new CallLogLines(harness.app.lines()),
                Clock.systemUTC());
        try {
            CallRecord c = harness.call("1795595840.1");
            assertThat(c.status()).isEqualTo(CallStatus.END_UNKNOWN);
            assertThat(c.lineId()).isEqualTo("trygghetscenter");
            assertThat(c.startedAt()).isEqualTo(Instant.ofEpochMilli(1795595840245L));
            assertThat(c.endedAt()).isNull();
        } finally {
            restarted.close();
        }
    }

    @Test
    void callsOnOtherNumbersLeaveNothing() {
        harness.awaitQuiet(harness.send(Recordings.events("call-other-number.ami.rx")));
        assertThat(harness.callLog.store().page(CallFilter.all(), null, 10).calls()).isEmpty();
        assertThat(harness.callLog.inProgress()).isZero();
    }
}
