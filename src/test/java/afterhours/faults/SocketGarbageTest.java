package afterhours.faults;

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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage on the FastAGI and AMI sockets: the connection goes, the service stays and keeps working. */
class SocketGarbageTest {
    @TempDir
    Path dir;

    @Test
    void garbageOnBothSocketsLeavesTheServiceWorking() throws Exception {
        AmiStandIn asterisk = new AmiStandIn("afterhours", "labsecret", true).start();
        int agiPort = Ports.free();
        AppConfig config = TestConfigs.withPbx(dir, asterisk.port(), agiPort, Duration.ofMinutes(1));
        OffsetClock clock = OffsetClock.startingAt(local("2026-11-25T12:00"));
        AmiPbxGateway ami = new AmiPbxGateway(config.ami(), config.verifyPeriod(), clock, CallEventSink.NONE);
        try (asterisk; ami; Afterhours app = Afterhours.open(config, ami, clock)) {
            ami.start();
            app.start();
            app.startFastAgi(RoutingDecisionSink.NONE);
            FastAgiClient calls = new FastAgiClient(agiPort);
            await().atMost(Duration.ofSeconds(10)).until(() -> "OPEN".equals(asterisk.astdb().get("afterhours/trygghetscenter/mode")));
            long heapBefore = usedHeap();

            byte[] random = new byte[64 * 1024];
            new Random(7).nextBytes(random);
            String megabyteLine = "agi_network_script: route?line=" + "x".repeat(1024 * 1024);
            for (byte[] garbage : new byte[][] {random, megabyteLine.getBytes(StandardCharsets.UTF_8),
                    "agi_network: yes\nagi_request: agi://x/route\n".getBytes(StandardCharsets.UTF_8),
                    "agi_network: yes\nagi_req".getBytes(StandardCharsets.UTF_8)}) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), agiPort)) {
                    OutputStream out = s.getOutputStream();
                    out.write(garbage);
                    out.flush();
                } catch (java.net.SocketException dropped) {
                    // the service may close first: that is the point
                }
                assertThat(calls.call("call-open-agi.agi.rx", "route?line=trygghetscenter", Map.of()).variables())
                        .as("a normal call after garbage").containsEntry("AH_DIAL", "PJSIP/reception");
            }

            // and on AMI: random bytes, a 1 MB line, half a message, then the connection cut
            asterisk.sendRaw(new String(random, StandardCharsets.ISO_8859_1));
            asterisk.sendRaw("Event: Newchannel\r\nChannel: " + "y".repeat(1024 * 1024) + "\r\n\r\n");
            asterisk.sendRaw("Response: Success\r\nActionID: 42");
            asterisk.dropConnections();
            asterisk.astdb().clear();
            await().atMost(Duration.ofSeconds(15)).until(() -> "OPEN".equals(asterisk.astdb().get("afterhours/trygghetscenter/mode")));
            assertThat(calls.call("call-open-agi.agi.rx", "route?line=trygghetscenter", Map.of()).variables())
                    .containsEntry("AH_DIAL", "PJSIP/reception");
            long heapAfter = usedHeap();
            System.out.printf("Garbage: heap in use %d MB before, %d MB after%n", heapBefore >> 20, heapAfter >> 20);
            assertThat(heapAfter - heapBefore).as("memory stays bounded").isLessThan(64L << 20);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
