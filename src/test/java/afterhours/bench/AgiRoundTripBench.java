package afterhours.bench;

import afterhours.app.Afterhours;
import afterhours.asterisk.FastAgiClient;
import afterhours.calllog.RoutingDecisionSink;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.pbx.agi.FastAgiServer;
import afterhours.support.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * FastAGI round trip of the {@code route} script against its baseline, a bare Asterisk-Java script that
 * sets the same variables from constants, measured in the same run over loopback TCP with the
 * Asterisk-side client of the tests; the baseline twice a round, so that the two (A/A) show the run's
 * noise. Prints one row per figure. Run with {@code scripts/bench}.
 */
public final class AgiRoundTripBench {
    private static final String MSET = "AH_DIAL=PJSIP/reception,AH_MODE=OPEN,AH_REASON=REGULAR_HOURS,AH_RING_SECONDS=20,"
            + "AH_OVERFLOW=PJSIP/0771000000@contractor,AH_CID_PREFIX=TC: ";

    private AgiRoundTripBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        Path dir = Files.createTempDirectory("afterhours-bench");
        AppConfig sample = ConfigLoader.load(Path.of("config/afterhours.yaml"),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("bench.db").toString()));
        int routePort = Ports.free();
        int basePort = Ports.free();
        AppConfig config = new AppConfig(sample.database(), sample.http(), sample.ami(),
                new AppConfig.FastAgi("127.0.0.1", routePort, 10, 500), sample.stateGrace(), sample.verifyPeriod(),
                sample.watchdogPeriod(), sample.lines(), sample.callRetention(), sample.databaseUrl());
        try (Afterhours app = Afterhours.open(config, new LoggingPbxGateway(), Clock.systemUTC());
             FastAgiServer baseline = new FastAgiServer(new AppConfig.FastAgi("127.0.0.1", basePort, 10, 500),
                     List.of(new ConstantRouteScript(MSET)))) {
            app.start();
            app.startFastAgi(RoutingDecisionSink.NONE);
            baseline.start();
            Thread.sleep(500);
            BenchReport.header("figure: median / p99 ms, calls/s", "measured", "p99 vs baseline");
            for (int concurrency : new int[] {1, 50, 200}) {
                // each caller places at least 20 calls a round: with fewer, a round's p99 is mostly the first
                // calls of 200 callers connecting at once (800 calls at 200 concurrent are 4 per caller)
                int perRound = Math.max(rounds / 5, 20 * concurrency);
                // warm-up: long enough at first that the JIT has compiled both paths before anything is timed
                int warmUp = concurrency == 1 ? 3 * rounds : perRound;
                measure(basePort, "route?line=trygghetscenter", concurrency, warmUp);
                measure(routePort, "route?line=trygghetscenter", concurrency, warmUp);
                // alternate in five rounds and keep the median round: a noisy moment hits all. The baseline is
                // measured twice a round, before and after the route, in turn: the two (A/A) show the noise floor
                double[][] base = new double[5][];
                double[][] again = new double[5][];
                double[][] route = new double[5][];
                String script = "route?line=trygghetscenter";
                for (int round = 0; round < 5; round++) {
                    double[][] first = round % 2 == 0 ? base : again;
                    double[][] last = round % 2 == 0 ? again : base;
                    first[round] = measure(basePort, script, concurrency, perRound);
                    route[round] = measure(routePort, script, concurrency, perRound);
                    last[round] = measure(basePort, script, concurrency, perRound);
                }
                double[] b = medianRound(base);
                print("baseline (constants), " + concurrency + " concurrent", b, null);
                print("baseline again (A/A), " + concurrency + " concurrent", medianRound(again), b);
                // the route against the median of all ten baseline rounds
                double[][] both = java.util.stream.Stream.of(base, again).flatMap(java.util.Arrays::stream)
                        .toArray(double[][]::new);
                print("route script, " + concurrency + " concurrent", medianRound(route), medianRound(both));
            }
        }
    }

    /** Per column (median, p99, rate), the median over the rounds. */
    private static double[] medianRound(double[][] rounds) {
        double[] out = new double[3];
        for (int col = 0; col < 3; col++) {
            double[] values = new double[rounds.length];
            for (int i = 0; i < rounds.length; i++) {
                values[i] = rounds[i][col];
            }
            Arrays.sort(values);
            out[col] = values[values.length / 2];
        }
        return out;
    }

    private static void print(String name, double[] r, double[] base) {
        BenchReport.row("fastagi", name, String.format("%.3f / %.3f, %.0f/s", r[0], r[1], r[2]),
                base == null ? "-" : String.format("x%.2f", r[1] / base[1]));
    }

    /** Returns median ms, p99 ms, calls per second. */
    private static double[] measure(int port, String script, int concurrency, int calls) throws Exception {
        FastAgiClient client = new FastAgiClient(port);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> futures = new ArrayList<>();
        int perThread = Math.max(1, calls / concurrency);
        for (int t = 0; t < concurrency; t++) {
            futures.add(pool.submit(() -> {
                go.await();
                long[] times = new long[perThread];
                // one call more than timed: each caller's first, when all of them connect at the same
                // instant, is the start of the run rather than its steady state
                for (int i = -1; i < perThread; i++) {
                    FastAgiClient.Call call = client.call("call-open-agi.agi.rx", script, Map.of());
                    if (!call.variables().containsKey("AH_DIAL")) {
                        throw new IllegalStateException("no answer: " + call.commands());
                    }
                    if (i >= 0) {
                        times[i] = call.nanos();
                    }
                }
                return times;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            for (long n : f.get()) {
                all.add(n);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted.length / seconds};
    }
}
