package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.app.CallLogLines;
import afterhours.config.ConfigLoader;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;
import afterhours.support.OffsetClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call routed natively is logged with the mode and reason the PBX routed it by (its AH_MODE and AH_REASON),
 * even where this instance's own schedule says otherwise: another instance may have pushed an override this one
 * has not read yet.
 */
class NativeCallReasonTest {
    private static final String LINE = "trygghetscenter";

    @TempDir
    Path dir;

    private Afterhours app;
    private final List<CallRecord> logged = new ArrayList<>();
    private CallAssembler assembler;

    @BeforeEach
    void start() {
        OffsetClock clock = OffsetClock.startingAt(Instant.parse("2026-11-25T08:40:00Z"));
        app = Afterhours.open(ConfigLoader.load(CallLogHarness.LAB_CONFIG,
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("calls.db").toString())), new LoggingPbxGateway(), clock);
        app.start();
        assembler = new CallAssembler(new CallLogLines(app.lines()), new CallAssembler.Output() {
            @Override
            public void started(CallRecord call) {
            }

            @Override
            public void completed(CallRecord call) {
                logged.add(call);
            }
        });
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** A native call's events as the shipped filter lets them through; {@code reason} null: a filter without AH_REASON. */
    private CallRecord nativeCall(String id, Mode mode, String reason) {
        Instant at = app.switchboard().clock().instant();
        assembler.accept(CallEvent.newChannel(at, id, id, "0541234567", "0701234567", "Caller"));
        assembler.accept(CallEvent.variable(at, id, id, "s", "0701234567", "Caller", CallEvent.Variable.LINE, LINE));
        assembler.accept(CallEvent.variable(at, id, id, "s", "0701234567", "Caller", CallEvent.Variable.MODE, mode.name()));
        if (reason != null) {
            assembler.accept(CallEvent.variable(at, id, id, "s", "0701234567", "Caller", CallEvent.Variable.REASON, reason));
        }
        assembler.accept(CallEvent.variable(at, id, id, "s", "0701234567", "Caller", CallEvent.Variable.DECIDED_BY, "native"));
        assembler.accept(CallEvent.hangup(at.plusSeconds(3), id, id, "s", "0701234567", "Caller", 16, "Normal Clearing"));
        return logged.get(logged.size() - 1);
    }

    @Test
    void theReasonIsThePbxsWhenItDiffersFromThisInstancesSchedule() {
        LineState here = app.switchboard().stateNow(LINE);
        Mode forced = here.mode() == Mode.OPEN ? Mode.FORWARDED : Mode.OPEN;
        CallRecord call = nativeCall("1795595840.1", forced, "OVERRIDE");
        assertThat(call.decidedBy()).isEqualTo(DecidedBy.NATIVE);
        assertThat(call.mode()).isEqualTo(forced);
        assertThat(call.reason()).isEqualTo("OVERRIDE");
    }

    @Test
    void withoutTheReasonTheScheduleGivesItWhereTheModesAgreeAndNothingIsGuessedWhereTheyDoNot() {
        LineState here = app.switchboard().stateNow(LINE);
        assertThat(nativeCall("1795595840.2", here.mode(), null).reason()).isEqualTo(here.reason().name());
        Mode other = here.mode() == Mode.OPEN ? Mode.FORWARDED : Mode.OPEN;
        assertThat(nativeCall("1795595840.3", other, null).reason()).isNull();
    }

    @Test
    void aReasonOutsideTheVocabularySaysNothing() {
        LineState here = app.switchboard().stateNow(LINE);
        assertThat(nativeCall("1795595840.4", here.mode(), "FAILSAFE\r\nX: y").reason())
                .as("the schedule's, as if none came").isEqualTo(here.reason().name());
    }
}
