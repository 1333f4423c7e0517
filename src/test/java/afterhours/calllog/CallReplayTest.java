package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.schedule.Mode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every recorded call, replayed through the stand-in and the real library, gives exactly one right record. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallReplayTest {
    private CallLogHarness harness;

    @BeforeAll
    void replayEveryRecording(@TempDir Path dir) throws Exception {
        harness = new CallLogHarness(dir);
        long events = 0;
        for (String name : List.of("call-open-agi", "call-forwarded-agi", "call-agi-down-astdb", "call-agi-down-stale",
                "call-office-noanswer", "call-office-busy", "call-caller-gives-up", "call-withheld", "call-overflow",
                "call-other-number", "calls-interleaved", "agi-bad-command", "asterisk-java-session")) {
            events += harness.replay(name, name.equals("call-forwarded-agi") ? Mode.FORWARDED : Mode.OPEN);
        }
        harness.awaitQuiet(events);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private static Instant ms(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    @Test
    void exactlyOneRecordPerManagedCallAndNoneForTheOtherNumber() {
        List<CallRecord> all = harness.callLog.store().page(CallFilter.all(), null, 100).calls();
        assertThat(all).extracting(CallRecord::linkedId).doesNotHaveDuplicates()
                .doesNotContain("1795595958.37")
                .containsExactlyInAnyOrder("1795595840.1", "1795595852.5", "1795595866.9", "1795595879.13",
                        "1795595891.17", "1795595938.29", "1795595949.33", "1795595926.25", "1795595970.41",
                        "1795595987.47", "1795595987.48", "1795595987.51", "1795595917.21", "1795594572.25");
        assertThat(all).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(CallStatus.COMPLETE);
            assertThat(c.lineId()).isEqualTo("trygghetscenter");
            assertThat(c.did()).isEqualTo("0541234567");
        });
    }

    @Test
    void officeAnsweredDuringOpenHours() {
        CallRecord c = harness.call("1795595840.1");
        assertThat(c.mode()).isEqualTo(Mode.OPEN);
        assertThat(c.decidedBy()).isEqualTo(DecidedBy.AGI);
        assertThat(c.route()).isEqualTo(CallRoute.OFFICE);
        assertThat(c.answeredBy()).isEqualTo(Answerer.OFFICE);
        assertThat(c.callerNumber()).isEqualTo("0701234567");
        assertThat(c.callerName()).isEqualTo("Test Caller");
        assertThat(c.startedAt()).isEqualTo(ms(1795595840245L));
        assertThat(c.answeredAt()).isEqualTo(ms(1795595840247L));
        assertThat(c.endedAt()).isEqualTo(ms(1795595842250L));
        assertThat(c.talkSeconds()).isEqualTo(2.003);
        assertThat(c.ringSeconds()).isEqualTo(0.0);
        assertThat(c.hangupCause()).isEqualTo(16);
        assertThat(c.hangupText()).isEqualTo("Normal Clearing");
        assertThat(c.attempts()).singleElement().satisfies(a -> {
            assertThat(a.target()).isEqualTo(Target.OFFICE);
            assertThat(a.dialString()).isEqualTo("office@test-phones");
            assertThat(a.status()).isEqualTo("ANSWER");
        });
    }

    @Test
    void forwardedCallAnsweredByTheContractor() {
        CallRecord c = harness.call("1795595852.5");
        assertThat(c.mode()).isEqualTo(Mode.FORWARDED);
        assertThat(c.decidedBy()).isEqualTo(DecidedBy.AGI);
        assertThat(c.route()).isEqualTo(CallRoute.CONTRACTOR);
        assertThat(c.answeredBy()).isEqualTo(Answerer.CONTRACTOR);
        assertThat(c.answeredAt()).isEqualTo(ms(1795595852767L));
        assertThat(c.endedAt()).isEqualTo(ms(1795595854770L));
        assertThat(c.callerNumber()).isEqualTo("0709876543");
    }

    @Test
    void fastAgiDownAndPushedStateValidIsLoggedAsAstdb() {
        CallRecord c = harness.call("1795595866.9");
        assertThat(c.decidedBy()).isEqualTo(DecidedBy.ASTDB);
        assertThat(c.route()).isEqualTo(CallRoute.CONTRACTOR);
        assertThat(c.answeredBy()).isEqualTo(Answerer.CONTRACTOR);
        assertThat(c.callerNumber()).isEqualTo("0701112223");
        // no routing decision: the state at that instant comes from the schedule (Wednesday 09:37, before opening)
        assertThat(c.mode()).isEqualTo(Mode.FORWARDED);
        assertThat(c.reason()).isEqualTo("OUTSIDE_HOURS");
        assertThat(c.startedAt()).isEqualTo(ms(1795595866288L));
    }

    @Test
    void stalePushedStateIsLoggedAsFailsafe() {
        CallRecord c = harness.call("1795595879.13");
        assertThat(c.decidedBy()).isEqualTo(DecidedBy.FAILSAFE);
        assertThat(c.route()).isEqualTo(CallRoute.FAILSAFE);
        assertThat(c.answeredBy()).isEqualTo(Answerer.CONTRACTOR);
        assertThat(c.attempts()).extracting(Attempt::target).containsExactly(Target.FAILSAFE);
    }

    @Test
    void officeNotAnsweringRingsTwentySecondsAndNobodyAnswers() {
        CallRecord c = harness.call("1795595891.17");
        assertThat(c.route()).isEqualTo(CallRoute.OFFICE);
        assertThat(c.answeredBy()).isEqualTo(Answerer.NOBODY);
        assertThat(c.answeredAt()).isNull();
        assertThat(c.talkSeconds()).isNull();
        assertThat(c.ringSeconds()).isEqualTo(20.021);
        assertThat(c.attempts()).extracting(Attempt::status).containsExactly("NOANSWER");
        assertThat(c.endedAt()).isEqualTo(ms(1795595911363L));
    }

    @Test
    void busyOffice() {
        CallRecord c = harness.call("1795595938.29");
        assertThat(c.answeredBy()).isEqualTo(Answerer.NOBODY);
        assertThat(c.attempts()).extracting(Attempt::status).containsExactly("BUSY");
        assertThat(c.hangupCause()).isEqualTo(16);
    }

    @Test
    void callerGivingUpWhileTheOfficeRings() {
        CallRecord c = harness.call("1795595949.33");
        assertThat(c.answeredBy()).isEqualTo(Answerer.NOBODY);
        assertThat(c.attempts()).extracting(Attempt::status).containsExactly("CANCEL");
        assertThat(c.ringSeconds()).isEqualTo(4.002);
        assertThat(c.hangupCause()).isEqualTo(19);
        assertThat(c.hangupText()).isEqualTo("User alerting, no answer");
        assertThat(c.callerNumber()).isEqualTo("0702020202");
    }

    @Test
    void withheldNumberIsNull() {
        CallRecord c = harness.call("1795595926.25");
        assertThat(c.callerNumber()).isNull();
        assertThat(c.callerName()).isNull();
        assertThat(c.answeredBy()).isEqualTo(Answerer.OFFICE);
    }

    @Test
    void overflowFromTheOfficeToTheContractor() {
        CallRecord c = harness.call("1795595970.41");
        assertThat(c.decidedBy()).isEqualTo(DecidedBy.AGI);
        assertThat(c.route()).isEqualTo(CallRoute.OVERFLOW);
        assertThat(c.answeredBy()).isEqualTo(Answerer.CONTRACTOR);
        assertThat(c.attempts()).extracting(Attempt::target, Attempt::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Target.OFFICE, "NOANSWER"),
                        org.assertj.core.groups.Tuple.tuple(Target.CONTRACTOR, "ANSWER"));
        assertThat(c.ringSeconds()).isEqualTo(5.008);
        assertThat(c.answeredAt()).isEqualTo(ms(1795595975973L));
        assertThat(c.talkSeconds()).isEqualTo(2.003);
    }

    @Test
    void interleavedCallsAreKeptApart() {
        for (String id : List.of("1795595987.47", "1795595987.48", "1795595987.51")) {
            CallRecord c = harness.call(id);
            assertThat(c.answeredBy()).as(id).isEqualTo(Answerer.OFFICE);
            assertThat(c.attempts()).as(id).hasSize(1);
            assertThat(c.decidedBy()).as(id).isEqualTo(DecidedBy.AGI);
        }
        assertThat(harness.call("1795595987.47").endedAt()).isEqualTo(ms(1795595989494L));
    }

    @Test
    void sessionsWithoutTimestampsStillGiveACompleteRecord() {
        CallRecord c = harness.call("1795594572.25");
        assertThat(c.answeredBy()).isEqualTo(Answerer.OFFICE);
        assertThat(c.decidedBy()).isEqualTo(DecidedBy.AGI);
        assertThat(c.endedAt()).isAfterOrEqualTo(c.startedAt());
    }
}
