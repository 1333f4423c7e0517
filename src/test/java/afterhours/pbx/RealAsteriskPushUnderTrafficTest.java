package afterhours.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.asterisk.RealAsterisk;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallRoute;
import afterhours.calllog.CallStatus;
import afterhours.calllog.DecidedBy;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Mode;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.switching.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A municipality's 1,000 lines beside a real Asterisk 22 (skipped with one line where none is installed): calls
 * placed on one of them while the service pushes every line's state again and again, and while that line's own
 * state flips between open and forwarded, are all routed natively by a whole state: none reaches the failsafe,
 * and none is rung by a mode with another mode's dial string. A caller who withholds the number is routed and
 * logged the same way, without a number.
 */
class RealAsteriskPushUnderTrafficTest {
    private static final int LINES = 1000;
    private static final String LINE = "line-0500";
    private static final String DID = "0540000500";

    @TempDir
    Path dir;

    /** Always-open lines whose office answers at once, each with its own DID. */
    private AppConfig config(int amiPort, int agiPort) {
        String yaml = "pbx:\n  ami: {enabled: false}\n" + TestConfigs.linesYaml(LINES, i -> "Line " + i, "[\"00:00-24:00\"]");
        AppConfig many = ConfigLoader.load(TestConfigs.write(dir, "many.yaml", yaml),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("many.db").toString()));
        return new AppConfig(many.database(), new AppConfig.Http("127.0.0.1", Ports.free()),
                new AppConfig.Ami(true, "127.0.0.1", amiPort, "afterhours", RealAsterisk.SECRET, Duration.ofSeconds(2)),
                new AppConfig.FastAgi("127.0.0.1", agiPort, 5, 20), many.stateGrace(), Duration.ofMinutes(10),
                many.watchdogPeriod(), many.lines(), many.callRetention(), null);
    }

    @Test
    void callsDuringPushesOfAThousandLinesAreRoutedByAWholeStateNeverTheFailsafe() throws Exception {
        int agiPort = Ports.free();
        try (RealAsterisk asterisk = RealAsterisk.start(dir.resolve("asterisk"), Ports.free(), agiPort, RealAsterisk.MODULES)) {
            asterisk.cli("dialplan add extension " + DID + ",1,Gosub(afterhours-route,s,1(" + LINE
                    + ",Local/failsafe@test-phones,TC:,${EXTEN})) into test-incoming");   // no space: the CLI splits on it
            asterisk.cli("dialplan add extension " + DID + ",2,Hangup() into test-incoming");
            try (ServiceBeside service = ServiceBeside.start(config(asterisk.amiPort(), agiPort))) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> asterisk.cli("dialplan show globals").contains("AH_STATE_line-0999=1|"));
                DefaultManagerConnection caller = new DefaultManagerConnection("127.0.0.1", asterisk.amiPort(),
                        RealAsterisk.TESTER, RealAsterisk.SECRET);
                caller.login();
                try {
                    AtomicBoolean calling = new AtomicBoolean(true);
                    AtomicInteger pushes = new AtomicInteger();
                    // every line pushed again, round after round; the called line's mode flips at each round
                    Thread pusher = new Thread(() -> {
                        boolean forward = true;
                        while (calling.get()) {
                            flip(service, forward);
                            forward = !forward;
                            service.app().switchboard().reconcileAll(Trigger.EDIT);
                            pushes.incrementAndGet();
                        }
                    });
                    pusher.start();
                    int placed = 0;
                    long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                    while (System.nanoTime() < until) {
                        RealAsterisk.call(caller, DID, "\"Caller\" <07010" + String.format("%05d", placed) + ">", 20);
                        placed++;
                        Thread.sleep(120);
                    }
                    RealAsterisk.call(caller, DID, null, 20);   // a withheld number
                    placed++;
                    calling.set(false);
                    pusher.join();
                    int expected = placed;
                    // every call in the log and over (a call's row is written when it begins, and again when it ends)
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                        List<CallRecord> rows = logged(service);
                        return rows.size() >= expected && rows.stream().allMatch(r -> r.status() == CallStatus.COMPLETE);
                    });
                    List<CallRecord> calls = logged(service);
                    System.out.printf("%d calls during %d pushes of %d lines: %s%n", calls.size(), pushes.get(), LINES,
                            calls.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.mode() + "/" + r.route(),
                                    java.util.stream.Collectors.counting())));
                    assertThat(pushes.get()).as("pushes of every line while calls came in").isGreaterThanOrEqualTo(2);
                    assertThat(calls).hasSize(placed).allSatisfy(r -> {
                        assertThat(r.decidedBy()).as("routed by the pushed state").isEqualTo(DecidedBy.NATIVE);
                        assertThat(r.status()).isEqualTo(CallStatus.COMPLETE);
                        // a whole state: the office while open, the contractor while forwarded, never the failsafe
                        assertThat(r.route()).isEqualTo(r.mode() == Mode.OPEN ? CallRoute.OFFICE : CallRoute.CONTRACTOR);
                        assertThat(r.attempts()).extracting(afterhours.calllog.Attempt::dialString).as("the mode's own dial string")
                                .containsExactly(r.mode() == Mode.OPEN ? "office@test-phones" : "contractor@test-phones");
                    });
                    assertThat(calls).extracting(CallRecord::mode).as("both modes were rung").contains(Mode.OPEN, Mode.FORWARDED);
                    // Asterisk reports the withheld caller's number as the extension it runs ("s"), and the only name seen
                    // is the one the dialplan made for the contractor: the line's prefix; neither is the caller's
                    assertThat(calls).filteredOn(r -> r.callerNumber() == null).as("the withheld number").singleElement()
                            .satisfies(r -> assertThat(r.callerName()).isNull());
                } finally {
                    caller.logoff();
                }
            }
        }
    }

    /** Forwards the called line until further notice, or back to its hours. */
    private static void flip(ServiceBeside service, boolean forward) {
        service.app().database().write("flip", c -> {
            if (forward) {
                service.app().repository().overrides().set(c, LINE,
                        new ManualOverride(Mode.FORWARDED, Instant.now(), null, "test", null));
            } else {
                service.app().repository().overrides().clear(c, LINE);
            }
            return null;
        });
        service.app().switchboard().reload(LINE, Trigger.OVERRIDE);
    }

    private static List<CallRecord> logged(ServiceBeside service) {
        return service.calls().store().page(CallFilter.all(), null, 500).calls();
    }
}
