package afterhours.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.asterisk.AmiStandIn;
import afterhours.asterisk.Recordings;
import afterhours.calllog.CallEventSink;
import afterhours.config.AppConfig;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.support.LogCapture;
import afterhours.support.PushedStates;
import afterhours.switching.PushedState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AMI gateway through the real Asterisk-Java library, over TCP, against the Asterisk stand-in. */
class AmiPbxGatewayTest {
    private static final String SECRET = "labsecret";
    private static final PushedState OPEN = PushedStates.steady("trygghetscenter", Mode.OPEN, Reason.REGULAR_HOURS,
            "PJSIP/reception", Instant.parse("2026-11-25T14:02:00Z"), "PJSIP/0771000000@contractor");
    private static final PushedState FORWARDED = PushedStates.steady("trygghetscenter", Mode.FORWARDED, Reason.OUTSIDE_HOURS,
            "PJSIP/0771000000@contractor", Instant.parse("2026-11-26T09:02:00Z"), "PJSIP/0771000000@contractor");

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private AmiStandIn asterisk() throws Exception {
        AmiStandIn a = new AmiStandIn("afterhours", SECRET, true).start();
        open.add(a);
        return a;
    }

    private AmiPbxGateway gateway(int port, String secret, Duration verify, CallEventSink sink) {
        AmiPbxGateway g = new AmiPbxGateway(new AppConfig.Ami(true, "127.0.0.1", port, "afterhours", secret,
                Duration.ofSeconds(1)), verify, Clock.systemUTC(), sink);
        open.add(0, g);
        return g;
    }

    private static void awaitPushed(AmiStandIn asterisk, PushedState state) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(asterisk.astdb()).containsAllEntriesOf(Map.of(
                    "afterhours/trygghetscenter/state", state.value(),
                    "afterhours/trygghetscenter/mode", state.mode().name()));
            assertThat(asterisk.variable("AH_STATE_trygghetscenter")).as("the state calls read, in memory").isEqualTo(state.value());
            assertThat(asterisk.deviceState("Custom:afterhours-trygghetscenter"))
                    .isEqualTo(state.mode() == Mode.OPEN ? "NOT_INUSE" : "INUSE");
        });
    }

    @Test
    void logsInWithTheMd5ChallengeAndPushesTheStateTheModeAndTheLamp() throws Exception {
        AmiStandIn asterisk = asterisk();
        AmiPbxGateway gateway = gateway(asterisk.port(), SECRET, Duration.ofMinutes(1), CallEventSink.NONE);
        gateway.push(OPEN);   // before the connection: kept and pushed on connect
        gateway.start();
        awaitPushed(asterisk, OPEN);
        assertThat(asterisk.actions()).extracting(a -> a.get("action"))
                .startsWith("Challenge", "Login", "CoreSettings");
        Map<String, String> login = asterisk.actions().get(1);
        assertThat(login).containsEntry("authtype", "MD5").containsKey("key").doesNotContainKey("secret");
        assertThat(gateway.health().connected()).isTrue();
        // the stand-in holds the state once it has read the actions; the gateway notes the push at their answers
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.health().lastPush() != null);

        gateway.push(FORWARDED);
        awaitPushed(asterisk, FORWARDED);
        // a push is one DBPut of the whole state (a call sees it whole or not at all), then the mode in words
        java.util.List<String> puts = asterisk.actions().stream().filter(a -> "DBPut".equalsIgnoreCase(a.get("action")))
                .map(a -> a.get("key") + "=" + a.get("val")).toList();
        assertThat(puts.subList(puts.size() - 2, puts.size())).containsExactly("trygghetscenter/state=" + FORWARDED.value(),
                "trygghetscenter/mode=FORWARDED");
        // and the routing the configuration asks for (native by default), set at the login
        assertThat(asterisk.actions()).anyMatch(a -> "Setvar".equalsIgnoreCase(a.get("action"))
                && "AH_ROUTING".equals(a.get("variable")) && "native".equals(a.get("value")));
    }

    @Test
    void wrongSecretIsReportedRetriedAndNeverLogged() throws Exception {
        AmiStandIn asterisk = asterisk();
        asterisk.setSecret("the-operator-changed-it");
        try (LogCapture logs = new LogCapture()) {
            AmiPbxGateway gateway = gateway(asterisk.port(), SECRET, Duration.ofMinutes(1), CallEventSink.NONE);
            gateway.push(OPEN);
            gateway.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.health().lastProblem() != null
                    && gateway.health().lastProblem().contains("login refused"));
            assertThat(gateway.health().connected()).isFalse();
            assertThat(gateway.health().lastProblem())
                    .isEqualTo("AMI login refused for user 'afterhours' (check the secret and manager.conf)");

            // manager.conf fixed: the service gets in on its next try, no restart
            asterisk.setSecret(SECRET);
            awaitPushed(asterisk, OPEN);
            assertThat(asterisk.actions().stream().filter(a -> "Login".equals(a.get("action")))).hasSizeGreaterThanOrEqualTo(2);
            assertThat(logs.all()).contains("AMI login refused").doesNotContain(SECRET);
        }
    }

    @Test
    void asteriskNotUpYetIsWaitedFor() throws Exception {
        AmiStandIn asterisk = new AmiStandIn("afterhours", SECRET, true).reservePort();
        open.add(asterisk);
        AmiPbxGateway gateway = gateway(asterisk.port(), SECRET, Duration.ofMinutes(1), CallEventSink.NONE);
        gateway.push(OPEN);
        gateway.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.health().lastProblem() != null
                && gateway.health().lastProblem().startsWith("AMI: cannot connect to 127.0.0.1:" + asterisk.port()));
        asterisk.start();
        awaitPushed(asterisk, OPEN);
    }

    @Test
    void everyLineIsPushedAgainAfterAReconnectAndTheGapIsReported() throws Exception {
        AmiStandIn asterisk = asterisk();
        List<Instant[]> gaps = new CopyOnWriteArrayList<>();
        CallEventSink sink = new CallEventSink() {
            @Override
            public void accept(afterhours.calllog.CallEvent event) {
            }

            @Override
            public void gap(Instant from, Instant to) {
                gaps.add(new Instant[] {from, to});
            }

            @Override
            public void storeSpooled(java.util.List<afterhours.calllog.SpoolRecord> calls) {
            }

            @Override
            public void down(Instant since) {
            }
        };
        AmiPbxGateway gateway = gateway(asterisk.port(), SECRET, Duration.ofMinutes(1), sink);
        gateway.push(OPEN);
        gateway.start();
        awaitPushed(asterisk, OPEN);

        asterisk.stop();            // Asterisk restarts and loses its AstDB
        asterisk.astdb().clear();
        asterisk.setVariable("DEVICE_STATE(Custom:afterhours-trygghetscenter)", "UNKNOWN");
        await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.health().connected());
        gateway.push(FORWARDED);    // a switch while disconnected
        asterisk.start();
        awaitPushed(asterisk, FORWARDED);
        // the first gap is the time from the start to the first login; the second is the restart
        await().atMost(Duration.ofSeconds(5)).until(() -> gaps.size() == 2);
        assertThat(gaps.get(1)[0]).isBefore(gaps.get(1)[1]).isAfterOrEqualTo(gaps.get(0)[1]);
    }

    @Test
    void driftInThePbxIsRepaired() throws Exception {
        AmiStandIn asterisk = asterisk();
        try (LogCapture logs = new LogCapture()) {
            AmiPbxGateway gateway = gateway(asterisk.port(), SECRET, Duration.ofMillis(300), CallEventSink.NONE);
            gateway.push(OPEN);
            gateway.start();
            awaitPushed(asterisk, OPEN);
            asterisk.astdb().put("afterhours/trygghetscenter/mode", "FORWARDED");
            asterisk.setVariable("DEVICE_STATE(Custom:afterhours-trygghetscenter)", "INUSE");
            asterisk.setVariable("AH_STATE_trygghetscenter", "");   // a dialplan reload with clearglobalvars = yes
            awaitPushed(asterisk, OPEN);
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.all().contains("line trygghetscenter drifted in the PBX"));
            assertThat(logs.all()).contains("mode=FORWARDED (expected OPEN)")
                    .contains("DEVICE_STATE(Custom:afterhours-trygghetscenter)=INUSE (expected NOT_INUSE)")
                    .contains("AH_STATE_trygghetscenter= (expected " + OPEN.value() + ")");
        }
    }

    @Test
    void aSlowCallEventConsumerDelaysNeitherEventsNorResponses() throws Exception {
        AmiStandIn asterisk = asterisk();
        List<String> received = new CopyOnWriteArrayList<>();
        CallEventSink slowDatabase = new CallEventSink() {
            @Override
            public void accept(afterhours.calllog.CallEvent event) {
                received.add(event.kind().name());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void gap(Instant from, Instant to) {
            }

            @Override
            public void storeSpooled(java.util.List<afterhours.calllog.SpoolRecord> calls) {
            }

            @Override
            public void down(Instant since) {
            }
        };
        AmiPbxGateway gateway = gateway(asterisk.port(), SECRET, Duration.ofMinutes(1), slowDatabase);
        gateway.push(OPEN);
        gateway.start();
        awaitPushed(asterisk, OPEN);

        List<String> recorded = Recordings.events("calls-interleaved.ami.rx");
        Set<String> callEvents = Set.of("Newchannel", "Newexten", "VarSet", "DialBegin", "DialEnd", "Hangup");
        long expected = 0;
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.addAll(recorded);
            expected += recorded.stream().filter(e -> callEvents.contains(Recordings.headers(e).get("Event"))).count();
        }
        asterisk.sendEvents(burst);
        // with a backlog waiting for the slow consumer, an AMI round trip still completes at once
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.events().waiting() > 100);
        gateway.push(FORWARDED);
        awaitPushed(asterisk, FORWARDED);
        assertThat(gateway.events().waiting()).as("the backlog was still there while the push went through").isPositive();

        long total = expected;
        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == total);
        assertThat(gateway.events().dropped()).isZero();
        // exactly one call event per AMI event read: the library's synthetic DialEvent/BridgeEvent never reach the log
        assertThat(received).contains("DIAL_BEGIN", "HANGUP", "VARIABLE");
    }
}
