package afterhours.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.asterisk.RealAsterisk;
import afterhours.asterisk.TcpCut;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallStatus;
import afterhours.calllog.DecidedBy;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.support.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 real calls in bursts of 20 through a real Asterisk 22 while things fail: the AMI link is cut for
 * two bursts (FastAGI still answers), Asterisk restarts, and the service is stopped for one burst and
 * started again. At the
 * end every call is in the log exactly once, with the layer that decided it, and the spool is empty.
 * Skipped with one line where no Asterisk is installed.
 */
class RealAsteriskTrafficTest {
    private static final int BURSTS = 10;
    private static final int PER_BURST = 20;

    @TempDir
    Path dir;

    @Test
    void twoHundredCallsWithTheAmiLinkCutAsteriskRestartedAndTheServiceRestartedAreEachLoggedOnce() throws Exception {
        RealAsterisk.assumeInstalled();
        int agiPort = Ports.free();
        try (RealAsterisk asterisk = RealAsterisk.start(dir.resolve("asterisk"), Ports.free(), agiPort, RealAsterisk.MODULES,
                "agi");
             TcpCut link = new TcpCut(asterisk.amiPort())) {
            AppConfig lab = ConfigLoader.load(Path.of("src/test/resources/config/lab.yaml"),
                    Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("traffic.db").toString()));
            AppConfig config = new AppConfig(lab.database(), lab.http(), new AppConfig.Ami(true, "127.0.0.1", link.port(),
                    "afterhours", RealAsterisk.SECRET, Duration.ofSeconds(2), AppConfig.Routing.AGI), new AppConfig.FastAgi("127.0.0.1", agiPort, 10, 50),
                    lab.stateGrace(), Duration.ofMinutes(1), lab.watchdogPeriod(), lab.lines(), lab.callRetention(), null);
            // the caller reconnects by itself after Asterisk's restart (Asterisk-Java retries a lost connection)
            DefaultManagerConnection caller = new DefaultManagerConnection("127.0.0.1", asterisk.amiPort(),
                    RealAsterisk.TESTER, RealAsterisk.SECRET);
            caller.login();
            ServiceBeside service = ServiceBeside.start(config);
            try {
                for (int burst = 1; burst <= BURSTS; burst++) {
                    if (burst == 4) {
                        link.cut();              // AMI down for bursts 4 and 5; FastAGI still answers
                    } else if (burst == 6) {
                        link.mend();
                    } else if (burst == 7) {
                        asterisk.restart();      // Asterisk itself restarts between bursts; its AstDB (and spool) survives
                        await().atMost(Duration.ofSeconds(30))
                                .until(() -> caller.getState() == ManagerConnectionState.CONNECTED);
                    } else if (burst == 8) {
                        service.close();         // the service is gone for burst 8: the AstDB layer routes
                    } else if (burst == 9) {
                        service = ServiceBeside.start(config);
                    }
                    burst(caller, asterisk);
                }
                ServiceBeside last = service;
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                        !asterisk.cli("database show afterhours-spool").contains("/afterhours-spool/")
                                && last.calls().waiting() == 0 && last.calls().inProgress() == 0);
                List<CallRecord> rows = last.calls().store().page(CallFilter.all(), null, 500).calls();
                Map<DecidedBy, Long> byLayer = rows.stream().collect(Collectors.groupingBy(CallRecord::decidedBy,
                        Collectors.counting()));
                System.out.printf("Real Asterisk, 200 calls with the AMI link cut, Asterisk restarted and the service restarted: %d rows, by layer %s,"
                        + " %d from the spool%n", rows.size(), byLayer, last.calls().spooled());
                assertThat(rows).hasSize(BURSTS * PER_BURST);
                assertThat(rows).extracting(CallRecord::linkedId).doesNotHaveDuplicates();
                assertThat(rows).allSatisfy(r -> assertThat(r.status()).isEqualTo(CallStatus.COMPLETE));
                assertThat(byLayer).containsEntry(DecidedBy.ASTDB, (long) PER_BURST)
                        .containsEntry(DecidedBy.AGI, (long) (BURSTS - 1) * PER_BURST);
            } finally {
                service.close();
                caller.logoff();
            }
        }
    }

    /** Twenty calls at once to the test DID; returns when they have all ended. */
    private static void burst(DefaultManagerConnection caller, RealAsterisk asterisk) throws Exception {
        for (int i = 0; i < PER_BURST; i++) {
            RealAsterisk.call(caller, "0541234567", "\"Caller " + i + "\" <070123" + String.format("%04d", i) + ">", 20);
        }
        Thread.sleep(1000);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> asterisk.cli("core show channels count").contains("0 active channels"));
    }
}
