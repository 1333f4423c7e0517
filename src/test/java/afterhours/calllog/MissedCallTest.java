package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.schedule.Mode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one definition of a missed call, case by case. */
class MissedCallTest {
    private static final Instant START = Instant.parse("2026-11-27T12:05:00Z");

    /**
     * A call with the given attempts ({@code office:NOANSWER/contractor:BUSY}; a status {@code -} is a dial still
     * ringing when the call ended), its ring time and status, judged with a line's {@code missedAfterSeconds}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            office rings out, contractor busy         | office:NOANSWER/contractor:BUSY | 25   | COMPLETE    | 10 | nobody-reached
            contractor busy at once                   | contractor:BUSY                 | 0    | COMPLETE    | 10 | nobody-reached
            contractor unreachable                    | contractor:CHANUNAVAIL          | 0    | COMPLETE    | 10 | nobody-reached
            network congestion                        | office:CONGESTION/contractor:CONGESTION | 1 | COMPLETE | 10 | nobody-reached
            a status Asterisk rarely gives            | contractor:INVALIDARGS          | 0    | COMPLETE    | 10 | nobody-reached
            caller hangs up after 2 s                 | office:CANCEL                   | 2    | COMPLETE    | 10 | -
            caller hangs up after 9.99 s              | office:CANCEL                   | 9.99 | COMPLETE    | 10 | -
            caller hangs up after exactly 10 s        | office:CANCEL                   | 10   | COMPLETE    | 10 | caller-gave-up
            caller hangs up after 15 s                | contractor:CANCEL               | 15   | COMPLETE    | 10 | caller-gave-up
            hangs up at the contractor after overflow | office:NOANSWER/contractor:CANCEL | 22 | COMPLETE    | 10 | caller-gave-up
            a dial still ringing at the end           | office:-                        | 12   | COMPLETE    | 10 | caller-gave-up
            a line that counts every hang-up          | office:CANCEL                   | 0.5  | COMPLETE    | 0  | caller-gave-up
            a line that waits longer                  | office:CANCEL                   | 15   | COMPLETE    | 20 | -
            answered after an overflow                | office:NOANSWER/contractor:ANSWER | 24 | COMPLETE    | 10 | -
            no dial at all                            | ''                              | 0    | COMPLETE    | 10 | -
            the end is unknown                        | office:NOANSWER/contractor:BUSY | 25   | END_UNKNOWN | 10 | -
            still going                               | office:NOANSWER                 | 20   | IN_PROGRESS | 10 | -
            """)
    void whatCountsAsMissed(String what, String tries, double ring, CallStatus status, int missedAfter, String expected) {
        CallRecord call = call(tries, ring, status);
        Optional<MissedCall.Why> why = MissedCall.of(call, missedAfter);
        assertThat(why.map(MissedCall.Why::key).orElse("-")).as(what).isEqualTo(expected);
    }

    /** A call on the center's line with these dial attempts (as the log records them). */
    static CallRecord call(String tries, double ring, CallStatus status) {
        List<Attempt> attempts = new ArrayList<>();
        boolean answered = false;
        for (String t : tries.isEmpty() ? new String[0] : tries.split("/")) {
            String[] p = t.split(":");
            String dialStatus = p[1].equals("-") ? null : p[1];
            answered |= "ANSWER".equals(dialStatus);
            attempts.add(new Attempt(Target.of(p[0]), p[0], dialStatus, START, START.plusMillis((long) (ring * 1000))));
        }
        Answerer by = answered ? Answerer.CONTRACTOR : Answerer.NOBODY;
        return new CallRecord("1.1", "trygghetscenter", "0541234567", "0701234567", "A", START, Mode.OPEN,
                "REGULAR_HOURS", DecidedBy.AGI, CallRoute.OFFICE, attempts, by, answered ? START.plusSeconds(24) : null,
                status == CallStatus.IN_PROGRESS ? null : START.plusSeconds(30), attempts.isEmpty() ? null : ring,
                null, 16, "Normal Clearing", status);
    }
}
