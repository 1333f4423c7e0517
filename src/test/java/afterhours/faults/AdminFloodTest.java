package afterhours.faults;

import static afterhours.schedule.Schedules.local;
import static org.assertj.core.api.Assertions.assertThat;

import afterhours.app.Afterhours;
import afterhours.asterisk.FastAgiClient;
import afterhours.calllog.RoutingDecisionSink;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.OffsetClock;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin endpoint shares the JVM with every call's FastAGI answer, so a flood against it must not hurt
 * calls: another process sends 50 clients' 10 MB chunked bodies, 1,000 failed logins and slow clients
 * ({@link AdminFlood}), while FastAGI answers calls at about 200 per second. Every call is answered and the
 * service keeps its memory. The FastAGI p99 with and without the flood is printed (the two share 2 cores).
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
            int cores = Runtime.getRuntime().availableProcessors();
            boolean pinned = cores >= 2 && Files.isExecutable(TASKSET);
            if (pinned) {
                // as if the crowd came from another machine: the service keeps core 0, the crowd gets the rest
                taskset("-a", "-p", "-c", "0", Long.toString(ProcessHandle.current().pid()));
            }
            Thread.sleep(300);
            calls(asterisk, CALLS / 4);        // warm-up: the JIT's first compilations are not the flood's doing
            long[] quiet = calls(asterisk, CALLS / 2);

            // the crowd runs in a process of its own: only the service's work shares this JVM with FastAGI
            List<String> command = new ArrayList<>();
            if (pinned) {
                command.addAll(List.of(TASKSET.toString(), "-c", "1-" + (cores - 1)));
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), AdminFlood.class.getName(), Integer.toString(http)));
            Process crowd = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader crowdSays = new BufferedReader(new InputStreamReader(crowd.getInputStream(), StandardCharsets.UTF_8));
            assertThat(crowdSays.readLine()).isEqualTo("flooding");
            Thread.sleep(1000);
            long[] loaded;
            long heap;
            String floodRequests;
            try {
                loaded = calls(asterisk, CALLS);
                heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            } finally {
                crowd.getOutputStream().close();
                floodRequests = crowdSays.readLine();
                if (!crowd.waitFor(40, TimeUnit.SECONDS)) {
                    crowd.destroyForcibly();
                }
                if (pinned) {
                    taskset("-a", "-p", "-c", "0-" + (cores - 1), Long.toString(ProcessHandle.current().pid()));
                }
            }
            String base = "http://127.0.0.1:" + http;
            HttpClient client = HttpClient.newHttpClient();

            System.out.printf("Admin flood from another process (%s, %s): FastAGI p50 %.2f ms, p99 %.2f ms unloaded; p50 %.2f ms,"
                    + " p99 %.2f ms during the flood; heap in use %d MiB of %d MiB%n", floodRequests,
                    pinned ? "service on core 0, crowd on the others" : "sharing every core", ms(quiet, 0.5),
                    ms(quiet, 0.99), ms(loaded, 0.5), ms(loaded, 0.99), heap / 1048576, Runtime.getRuntime().maxMemory() / 1048576);
            assertThat(Arrays.stream(loaded).allMatch(n -> n > 0)).as("every call answered during the flood").isTrue();
            assertThat(heap).as("the flood's bodies were never kept").isLessThan(512L * 1024 * 1024);
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private static final Path TASKSET = Path.of("/usr/bin/taskset");

    private static void taskset(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(TASKSET.toString()));
        command.addAll(List.of(args));
        // -a walks the process's threads: one ending meanwhile (a short-lived start-up thread) fails the walk,
        // and the next try sees the settled list
        int exit = -1;
        for (int attempt = 0; attempt < 5 && exit != 0; attempt++) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            exit = p.waitFor();
        }
        assertThat(exit).as("taskset " + String.join(" ", args)).isZero();
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
}
