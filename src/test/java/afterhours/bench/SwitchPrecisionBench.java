package afterhours.bench;

import afterhours.app.Afterhours;
import afterhours.asterisk.AmiStandIn;
import afterhours.calllog.CallEventSink;
import afterhours.config.AppConfig;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * How late a switch reaches the PBX: the service runs with its clock just before a real boundary of the
 * center's schedule, and the AMI stand-in's AstDB is polled every millisecond until the mode flips. Then
 * an admin edit over HTTP, timed until AstDB shows it.
 */
public final class SwitchPrecisionBench {
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final String MODE = "afterhours/trygghetscenter/mode";

    private SwitchPrecisionBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 10;
        double[] lags = new double[rounds];
        double[] edits = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            // weekdays from Monday 30 November 2026, alternating the 10:00 opening and the 15:00 closing
            LocalDateTime local = LocalDateTime.parse("2026-11-30T10:00").plusDays(i / 2 % 5).plusHours(i % 2 * 5L);
            Instant boundary = local.atZone(STOCKHOLM).toInstant();
            String before = i % 2 == 0 ? "FORWARDED" : "OPEN";
            String after = i % 2 == 0 ? "OPEN" : "FORWARDED";
            Path dir = Files.createTempDirectory("afterhours-precision");
            try (AmiStandIn asterisk = new AmiStandIn("afterhours", "labsecret", true).start()) {
                int httpPort = Ports.free();
                AppConfig pbx = TestConfigs.withPbx(dir, asterisk.port(), Ports.free(), Duration.ofMinutes(1));
                AppConfig config = new AppConfig(pbx.database(), new AppConfig.Http("127.0.0.1", httpPort), pbx.ami(),
                        pbx.fastAgi(), pbx.stateGrace(), pbx.verifyPeriod(), pbx.watchdogPeriod(), pbx.lines(), pbx.callRetention(), pbx.databaseUrl());
                OffsetClock clock = OffsetClock.startingAt(boundary.minusMillis(1500));
                try (AmiPbxGateway ami = new AmiPbxGateway(config.ami(), config.verifyPeriod(), clock, CallEventSink.NONE);
                     Afterhours app = Afterhours.open(config, ami, clock)) {
                    ami.start();
                    app.start();
                    while (!before.equals(asterisk.astdb().get(MODE))) {
                        Thread.sleep(1);
                    }
                    while (!after.equals(asterisk.astdb().get(MODE))) {
                        Thread.onSpinWait();
                    }
                    lags[i] = Duration.between(boundary, clock.instant()).toNanos() / 1e6;

                    // an admin edit: close the whole week, over HTTP, until AstDB says FORWARDED
                    String token = Passwords.newToken();
                    new UserStore(app.database()).addToken("bench", Role.ADMIN, Passwords.tokenHash(token), Instant.now());
                    app.startAdmin();
                    asterisk.astdb().put(MODE, "OPEN");
                    long t = System.nanoTime();
                    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + httpPort + "/api/v1/lines/trygghetscenter/hours"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("edit refused: " + r.body());
                    }
                    while (!"FORWARDED".equals(asterisk.astdb().get(MODE))) {
                        Thread.onSpinWait();
                    }
                    edits[i] = (System.nanoTime() - t) / 1e6;
                }
            }
        }
        Arrays.sort(lags);
        Arrays.sort(edits);
        BenchReport.header("figure (" + rounds + " boundaries)", "median / max", "target");
        BenchReport.row("switching", "switch pushed to AstDB after the boundary, ms",
                String.format("%.1f / %.1f", lags[rounds / 2], lags[rounds - 1]), "< 100");
        BenchReport.row("switching", "admin edit (HTTP) to AstDB, ms",
                String.format("%.1f / %.1f", edits[rounds / 2], edits[rounds - 1]), "< 1000");
    }
}
