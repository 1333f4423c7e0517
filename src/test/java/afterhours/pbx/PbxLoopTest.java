package afterhours.pbx;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.asterisk.AmiStandIn;
import afterhours.asterisk.FastAgiClient;
import afterhours.calllog.CallEventSink;
import afterhours.calllog.RoutingDecisionSink;
import afterhours.config.AppConfig;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The whole loop: schedule, Quartz, AMI push into the stand-in's AstDB, FastAGI answers from memory. */
class PbxLoopTest {
    private static final String MODE_KEY = "afterhours/trygghetscenter/mode";

    @TempDir
    Path dir;

    private AmiStandIn asterisk;
    private Afterhours app;
    private AmiPbxGateway ami;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (ami != null) {
            ami.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    private FastAgiClient start(Instant now) throws Exception {
        asterisk = new AmiStandIn("afterhours", "labsecret", true).start();
        int agiPort = Ports.free();
        AppConfig config = TestConfigs.withPbx(dir, asterisk.port(), agiPort, Duration.ofMinutes(1));
        OffsetClock clock = OffsetClock.startingAt(now);
        ami = new AmiPbxGateway(config.ami(), config.verifyPeriod(), clock, CallEventSink.NONE);
        app = Afterhours.open(config, ami, clock);
        ami.start();
        app.start();
        app.startFastAgi(RoutingDecisionSink.NONE);
        return new FastAgiClient(agiPort);
    }

    @Test
    void aSwitchReachesAstdbAndTheLampAtTheBoundary() throws Exception {
        Instant opening = local("2026-11-25T10:00");
        start(opening.minusMillis(2000));
        await().atMost(Duration.ofSeconds(10)).until(() -> "FORWARDED".equals(asterisk.astdb().get(MODE_KEY)));
        assertThat(asterisk.deviceState("Custom:afterhours-trygghetscenter")).isEqualTo("INUSE");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> "OPEN".equals(asterisk.astdb().get(MODE_KEY)));
        Duration late = Duration.between(opening, app.switchboard().clock().instant());
        LoggerFactory.getLogger(PbxLoopTest.class).info("Switch at the boundary reached AstDB {} ms after it", late.toMillis());
        // the state: open now, forwarded from 15:00, valid until the next opening (Thursday 10:00) plus the grace
        String state = "1|" + local("2026-11-26T10:00").plusSeconds(120).getEpochSecond() + "|"
                + local("2026-11-25T15:00").getEpochSecond() + "|OPEN|PJSIP/reception|";
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> String.valueOf(asterisk.astdb().get("afterhours/trygghetscenter/state")).startsWith(state));
        await().atMost(Duration.ofSeconds(2))
                .until(() -> asterisk.deviceState("Custom:afterhours-trygghetscenter").equals("NOT_INUSE"));
    }

    @Test
    void callsAreRoutedWhileTheAmiConnectionIsDownAndStateIsRepushedAfter() throws Exception {
        FastAgiClient calls = start(local("2026-11-25T12:00"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "OPEN".equals(asterisk.astdb().get(MODE_KEY)));

        asterisk.stop();
        asterisk.astdb().clear();
        await().atMost(Duration.ofSeconds(5)).until(() -> !ami.health().connected());
        for (int i = 0; i < 20; i++) {
            assertThat(calls.call("call-open-agi.agi.rx", "route?line=trygghetscenter", Map.of()).variables())
                    .containsEntry("AH_DIAL", "PJSIP/reception");
        }
        asterisk.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> "OPEN".equals(asterisk.astdb().get(MODE_KEY)));
        assertThat(ami.health().connected()).isTrue();
    }
}
