package afterhours.faults;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.asterisk.FastAgiClient;
import afterhours.calllog.RoutingDecisionSink;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.Filler;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin endpoint shares the JVM with every call's FastAGI answer, so a flood against it must not hurt
 * calls: 50 clients sending 10 MB chunked bodies, 1,000 failed logins and slow clients, while FastAGI
 * answers calls at about 200 per second. Every call is answered and the process keeps its memory.
 */
class AdminFloodTest {
    private static final int CALLS = 1000;

    @TempDir
    Path dir;

    @Test
    void callsAreAnsweredThroughAFloodOfTheAdminEndpoint() throws Exception {
        AppConfig sample = TestConfigs.sample(dir);
        int http = Ports.free();
        int agi = Ports.free();
        AppConfig config = new AppConfig(sample.database(), new AppConfig.Http("127.0.0.1", http), sample.ami(),
                new AppConfig.FastAgi("127.0.0.1", agi, 10, 200), sample.stateGrace(), sample.verifyPeriod(),
                sample.watchdogPeriod(), sample.lines(), sample.callRetention(), sample.databaseUrl());
        try (Afterhours app = Afterhours.open(config, new LoggingPbxGateway(), OffsetClock.startingAt(local("2026-11-25T12:00")))) {
            app.start();
            new UserStore(app.database()).put("anna", Role.ADMIN, Passwords.hash("correct horse battery staple"), Instant.now());
            app.startAdmin();
            app.startFastAgi(RoutingDecisionSink.NONE);
            FastAgiClient asterisk = new FastAgiClient(agi);
            Thread.sleep(300);
            long[] quiet = calls(asterisk, CALLS / 2);

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger floodRequests = new AtomicInteger();
            ExecutorService flood = Executors.newFixedThreadPool(60);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + http;
            for (int i = 0; i < 50; i++) {
                flood.submit(() -> {
                    while (flooding.get()) {
                        try {
                            client.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(10L * 1024 * 1024, '0'))).build(),
                                    HttpResponse.BodyHandlers.discarding());
                        } catch (Exception refused) {
                            // refused mid-body: expected
                        }
                        floodRequests.incrementAndGet();
                    }
                    return null;
                });
            }
            for (int i = 0; i < 5; i++) {
                flood.submit(() -> {
                    for (int n = 0; n < 200 && flooding.get(); n++) {
                        try {
                            client.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"anna\",\"password\":\"guess " + n + "\"}"))
                                    .build(), HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            // refused: expected
                        }
                        floodRequests.incrementAndGet();
                    }
                    return null;
                });
            }
            for (int i = 0; i < 5; i++) {
                flood.submit(() -> {
                    while (flooding.get()) {
                        slowClient(http);
                        floodRequests.incrementAndGet();
                    }
                    return null;
                });
            }
            Thread.sleep(1000);
            long[] loaded = calls(asterisk, CALLS);
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            flooding.set(false);
            flood.shutdownNow();
            flood.awaitTermination(30, TimeUnit.SECONDS);

            System.out.printf("Admin flood (%d flood requests): FastAGI p50 %.2f ms, p99 %.2f ms unloaded; p50 %.2f ms,"
                    + " p99 %.2f ms during the flood; heap in use %d MiB of %d MiB%n", floodRequests.get(), ms(quiet, 0.5),
                    ms(quiet, 0.99), ms(loaded, 0.5), ms(loaded, 0.99), heap / 1048576, Runtime.getRuntime().maxMemory() / 1048576);
            assertThat(Arrays.stream(loaded).allMatch(n -> n > 0)).as("every call answered during the flood").isTrue();
            assertThat(heap).as("the flood's bodies were never kept").isLessThan(512L * 1024 * 1024);
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    /** {@code count} calls at about 200 per second, each one's answer time in nanoseconds, sorted. */
    private static long[] calls(FastAgiClient asterisk, int count) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(20);
        List<java.util.concurrent.Future<Long>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * 5_000_000L;
            results.add(callers.submit(() -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                FastAgiClient.Call call = asterisk.call("call-open-agi.agi.rx", "route?line=trygghetscenter", Map.of());
                return call.variables().containsKey("AH_DIAL") ? call.nanos() : -1L;
            }));
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            nanos[i] = results.get(i).get(60, TimeUnit.SECONDS);
        }
        callers.shutdown();
        Arrays.sort(nanos);
        return nanos;
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** A client that sends its request a byte at a time, slower than the server waits. */
    private static void slowClient(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            byte[] request = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"
                    .getBytes(StandardCharsets.US_ASCII);
            for (byte b : request) {
                out.write(b);
                out.flush();
                Thread.sleep(20);
            }
            InputStream in = s.getInputStream();
            in.read();   // the server gives up on the body: it answers or closes
        } catch (Exception e) {
            // dropped: expected
        }
    }
}
