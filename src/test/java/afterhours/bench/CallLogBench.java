package afterhours.bench;

import afterhours.app.Afterhours;
import afterhours.app.CallLogLines;
import afterhours.asterisk.AmiStandIn;
import afterhours.asterisk.Recordings;
import afterhours.calllog.Answerer;
import afterhours.calllog.Attempt;
import afterhours.calllog.CallEventSink;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallLog;
import afterhours.calllog.CallPage;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallRoute;
import afterhours.calllog.CallStats;
import afterhours.calllog.CallStatus;
import afterhours.calllog.CallStore;
import afterhours.calllog.CsvExport;
import afterhours.calllog.DecidedBy;
import afterhours.calllog.Target;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.schedule.Mode;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Call-log figures: AMI event ingestion with database writes on (recorded traffic replayed through the
 * stand-in as fast as it goes) next to the same stream into a listener that does nothing; then queries
 * on a generated table of one million calls. Run with {@code scripts/bench}.
 */
public final class CallLogBench {
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private CallLogBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int generated = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String part = args.length > 2 ? args[2] : "all";
        BenchReport.header("figure", "value", "baseline");
        if (!part.equals("query")) {
            ingestion(calls, false);
            ingestion(calls, true);
        }
        if (!part.equals("ingest")) {
            queries(generated);
        }
    }

    /** @param filtered send only what the shipped manager account's eventfilters let through */
    private static void ingestion(int calls, boolean filtered) throws Exception {
        // the traffic is made call by call while it is sent, so the test data does not fill the heap
        List<String> recorded = Recordings.events("calls-interleaved.ami.rx");
        java.util.function.Predicate<String> filter = filtered ? afterhours.calllog.ShippedEventFilter.load() : e -> true;
        List<String> scenario = recorded.stream().filter(filter).toList();
        String traffic = filtered ? " (shipped eventfilters)" : " (unfiltered)";
        row("AMI events per call sent" + traffic, scenario.size() / 3.0, "-");
        int copies = calls / 3;
        // moved to now: calls older than the call log's idle limit would be closed as they arrive
        long toNow = System.currentTimeMillis() - Recordings.firstTimestamp(scenario).toEpochMilli();
        java.util.function.IntFunction<List<String>> copy = k -> Recordings.asAnotherCall(scenario, "-" + k, toNow + k * 1000L);
        long perCopy = scenario.stream().filter(e -> List.of("Newchannel", "Newexten", "VarSet", "DialBegin", "DialEnd",
                "Hangup").contains(Recordings.headers(e).get("Event"))).count();
        long callEvents = perCopy * copies;
        Traffic events = new Traffic(copies, scenario.size(), copy);

        // baseline: the library with a listener that does nothing but count
        AtomicLong counted = new AtomicLong();
        // the no-op listener runs twice and the second counts: the first pays for the JIT of the shared parts
        replay(events, callEvents, noOp(counted), () -> counted.get() >= callEvents, null);
        counted.set(0);
        Replay baseline = replay(events, callEvents, noOp(counted), () -> counted.get() >= callEvents, null);

        Path dir = Files.createTempDirectory("afterhours-ingest");
        AppConfig lab = ConfigLoader.load(Path.of("src/test/resources/config/lab.yaml"),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("ingest.db").toString()));
        try (Afterhours app = Afterhours.open(lab, new LoggingPbxGateway(), Clock.systemUTC())) {
            app.start();
            CallLog log = new CallLog(new CallStore(app.database()), new CallLogLines(app.lines()), Clock.systemUTC());
            long[] peakHeap = new long[1];
            Replay logged = replay(events, callEvents, log,
                    () -> log.inProgress() == 0 && log.waiting() == 0 && countRows(log) == calls / 3 * 3L, peakHeap);
            row("AMI ingestion into the call log" + traffic + ", events/s", Math.round(logged.eventsPerSecond()),
                    Math.round(baseline.eventsPerSecond()) + " (no-op)");
            double perThousand = 1000.0 / (calls / 3 * 3);
            row("service CPU per 1,000 calls logged" + traffic + ", s", String.format("%.3f", logged.cpuNanos() / 1e9 * perThousand),
                    String.format("%.3f (no-op)", baseline.cpuNanos() / 1e9 * perThousand));
            row("service CPU per call" + traffic + ", logged / no-op", String.format("%.2f", (double) logged.cpuNanos() / baseline.cpuNanos()),
                    "target <= 2");
            row("calls logged (expected " + (calls / 3 * 3) + ")", countRows(log), "-");
            row("heap limit the ingestion ran in (-Xmx), MiB", Runtime.getRuntime().maxMemory() / 1048576.0, "< 128");
            row("heap in use after ingestion, MiB", peakHeap[0] / 1048576.0, "-");
            log.close();
        }
    }

    private static long countRows(CallLog log) {
        long[] n = new long[1];
        log.store().database().read("count", c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM call WHERE status='COMPLETE'")) {
                rs.next();
                n[0] = rs.getLong(1);
            }
            return null;
        });
        return n[0];
    }

    /** Copies of recorded traffic, made as they are sent. */
    private record Traffic(int copies, int eventsPerCopy, java.util.function.IntFunction<List<String>> copy) {
        int size() {
            return copies * eventsPerCopy;
        }
    }

    /** A listener that only counts what reaches it. */
    private static CallEventSink noOp(AtomicLong counted) {
        return new CallEventSink() {
            @Override
            public void accept(afterhours.calllog.CallEvent event) {
                counted.incrementAndGet();
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
    }

    /** Events per second until done, and the CPU the receiving side spent meanwhile. */
    private record Replay(double eventsPerSecond, long cpuNanos) { }

    /**
     * CPU time of every thread but the sender's (the stand-in's threads and main, which makes the traffic):
     * the library's reader and dispatcher, and the service's own threads.
     */
    private static long receivingCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && !t.getThreadName().startsWith("ami-standin") && !t.getThreadName().equals("main")) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    /** Sends the events through the stand-in and the real library until {@code done}. */
    private static Replay replay(Traffic events, long callEvents, CallEventSink sink,
                                 java.util.function.BooleanSupplier done, long[] heap) throws Exception {
        try (AmiStandIn asterisk = new AmiStandIn("afterhours", "labsecret", true).start();
             AmiPbxGateway gateway = new AmiPbxGateway(new AppConfig.Ami(true, "127.0.0.1", asterisk.port(), "afterhours",
                     "labsecret", Duration.ofSeconds(5)), Duration.ofHours(1), Clock.systemUTC(), sink)) {
            gateway.start();
            while (!gateway.health().connected()) {
                Thread.sleep(10);
            }
            long start = System.nanoTime();
            long cpuBefore = receivingCpuNanos();
            for (int k = 0; k < events.copies(); k++) {
                asterisk.sendEvents(events.copy().apply(k));
            }
            while (!done.getAsBoolean()) {
                Thread.sleep(2);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpu = receivingCpuNanos() - cpuBefore;
            if (heap != null) {
                heap[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
            if (gateway.events().dropped() > 0) {
                throw new IllegalStateException(gateway.events().dropped() + " events dropped");
            }
            return new Replay(events.size() / seconds, cpu);
        }
    }

    private static void queries(int generated) throws Exception {
        Path dir = Files.createTempDirectory("afterhours-query");
        CallStore store = new CallStore(afterhours.store.Database.open(dir.resolve("million.db")));
        Instant yearStart = LocalDate.parse("2026-01-01").atStartOfDay(STOCKHOLM).toInstant();
        long span = Duration.ofDays(365).toMillis();
        long t0 = System.nanoTime();
        List<CallRecord> batch = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < generated; i++) {
            // in time order, as the call writer stores them (a call is written when it ends)
            Instant start = yearStart.plusMillis((long) ((i + random.nextDouble()) * span / generated));
            boolean answered = random.nextInt(10) > 0;
            Mode mode = random.nextBoolean() ? Mode.OPEN : Mode.FORWARDED;
            double ring = random.nextInt(30);
            batch.add(new CallRecord("b." + i, "trygghetscenter", "0541234567", "07" + random.nextInt(100_000_000), "Caller",
                    start, mode, "REGULAR_HOURS", DecidedBy.AGI, mode == Mode.OPEN ? CallRoute.OFFICE : CallRoute.CONTRACTOR,
                    List.of(new Attempt(Target.OFFICE, "reception", answered ? "ANSWER" : "NOANSWER", start, start.plusSeconds(5))),
                    answered ? Answerer.OFFICE : Answerer.NOBODY, answered ? start.plusSeconds(5) : null, start.plusSeconds(65),
                    ring, answered ? 60.0 : null, 16, "Normal Clearing", CallStatus.COMPLETE));
            if (batch.size() == 20_000) {
                store.write(batch);
                batch.clear();
            }
        }
        store.write(batch);
        row("generating " + generated + " calls, s", (System.nanoTime() - t0) / 1e9, "-");

        Instant day = LocalDate.parse("2026-06-17").atStartOfDay(STOCKHOLM).toInstant();
        CallFilter oneDay = new CallFilter("trygghetscenter", day, day.plus(Duration.ofDays(1)), null, null, null, null);
        CallFilter year = new CallFilter("trygghetscenter", yearStart, yearStart.plusMillis(span), null, null, null, null);
        long[] rows = new long[1];
        Runnable dayList = () -> {
            rows[0] = 0;
            store.stream(oneDay, c -> rows[0]++);
        };
        // the first runs of a query are the JIT's: shown once, then the figures of a warmed-up service
        row("one day of one line, first run (JIT cold), ms", time(dayList), "-");
        for (int warm = 0; warm < 40; warm++) {
            store.page(oneDay, null, 50);
            dayList.run();
        }
        for (int warm = 0; warm < 3; warm++) {
            store.stats(year, STOCKHOLM);
        }
        row("one day of one line, first page of 50, ms", median(() -> store.page(oneDay, null, 50)), "-");
        row("one day of one line, all calls (~2,700), ms", median(dayList), "20");
        CallStats.Result[] stats = new CallStats.Result[1];
        row("a year's statistics (" + generated + " calls), ms",
                median(() -> stats[0] = store.stats(year, STOCKHOLM)), "300");
        // constant memory: the live heap (after a collection) sampled during the export, against before it
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long[] maxLive = new long[1];
        long[] count = new long[1];
        long t1 = System.nanoTime();
        Writer nowhere = Writer.nullWriter();
        CsvExport csv = new CsvExport(nowhere, STOCKHOLM, 4);
        store.stream(CallFilter.all(), c -> {
            csv.row(c);
            if (++count[0] % 200_000 == 0) {
                System.gc();
                maxLive[0] = Math.max(maxLive[0], rt.totalMemory() - rt.freeMemory());
            }
        });
        row("CSV export of all " + count[0] + " rows (with 5 collections), s", (System.nanoTime() - t1) / 1e9, "-");
        row("live heap during the export (max of 5 samples), MB", maxLive[0] / 1e6,
                String.format("%.1f before", before / 1e6));
        CallPage page = store.page(year, null, 50);
        row("(check) calls in the year's first page", page.calls().size(), "-");
        callerRights(store, dir, generated, yearStart, span, oneDay, dayList);
        purgeBesideTheWriter(store, yearStart, span);
        store.database().close();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * A caller's rights on the million-call table: access to and erasure of one number (12 calls in its stored
     * forms over the year), next to a plain indexed lookup of that number; the nightly masking of one day's
     * calls, next to reading that day's calls.
     */
    private static void callerRights(CallStore store, Path dir, int generated, Instant yearStart, long span,
                                     CallFilter oneDay, Runnable dayList) {
        afterhours.store.Database db = store.database();
        afterhours.subject.Subjects subjects = new afterhours.subject.Subjects(db,
                afterhours.calllog.ErasedNumbers.in(dir, afterhours.calllog.NumberPlan.DEFAULT), new afterhours.audit.AuditLog(db),
                java.time.Period.ofMonths(13), Duration.ofDays(90), List.of(new afterhours.notify.OutboxPersonalData()),
                afterhours.subject.PbxSpool.NOT_CONNECTED);
        String[] forms = {"0701110%03d", "+46701110%03d", "0046701110%03d"};
        int runs = 7;
        for (int n = 0; n < runs; n++) {   // a caller per run (an erasure can run once): 12 calls each
            List<CallRecord> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Instant start = yearStart.plusMillis(span / 13 * (i + 1) + n * 1000L);
                calls.add(new CallRecord("s." + n + "." + i, i % 2 == 0 ? "trygghetscenter" : "patient", "0541234567",
                        String.format(forms[i % 3], n), "Anna", start, Mode.OPEN, "REGULAR_HOURS", DecidedBy.AGI, CallRoute.OFFICE,
                        List.of(), Answerer.NOBODY, null, start.plusSeconds(30), 30.0, null, 16, "Normal Clearing",
                        CallStatus.COMPLETE));
            }
            store.write(calls);
        }
        long[] found = new long[1];
        int[] next = {0};
        row("lookup of one number's calls (one stored form, indexed), ms", median(() -> {
            found[0] = 0;
            store.stream(new CallFilter(null, null, null, null, null, null, String.format(forms[0], next[0]++ % runs)),
                    c -> found[0]++);
        }), "-");
        next[0] = 0;
        row("access: everything held about one number (12 calls, 3 forms, audited), ms", median(() ->
                subjects.export(subjects.number(String.format(forms[0], next[0]++ % runs), "number"), "bench", Instant.now())),
                "the lookup above");
        next[0] = 0;
        int[] erased = new int[1];
        row("erasure of one number in the " + generated + "-call table (12 calls, audited, list file synced), ms",
                median(() -> erased[0] += subjects.erase(subjects.number(String.format(forms[0], next[0]++), "number"), "bench",
                        "bench", Instant.now()).total()), "the lookup above");
        row("(check) calls erased over " + runs + " runs", erased[0], 12 * runs);
        // the nightly masking of one day's calls, from where the previous night stopped
        long[] dayCalls = new long[1];
        store.stream(oneDay, c -> dayCalls[0]++);
        row("reading one day's calls (" + dayCalls[0] + "), ms", median(dayList), "-");
        db.write("the masking stopped at the day's start", c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("UPDATE number_masking SET masked_before = ?")) {
                ps.setLong(1, oneDay.from().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        int[] masked = new int[1];
        row("masking one day's calls in place (chunks of " + CallStore.PURGE_CHUNK + "), ms",
                time(() -> masked[0] = store.maskNumbersBefore(oneDay.to())), "reading them above");
        row("(check) calls masked", masked[0], dayCalls[0]);
    }

    /**
     * The retention purge of a large backlog while calls keep being written (one every 5 ms): the longest a
     * call's write waited, with the first quarter of the year deleted in one transaction (as before) and
     * the second quarter in the shipped chunks.
     */
    private static void purgeBesideTheWriter(CallStore store, Instant yearStart, long span) throws Exception {
        long quarter = span / 4;
        for (int part = 1; part <= 2; part++) {
            int q = part;
            int chunk = q == 1 ? Integer.MAX_VALUE : CallStore.PURGE_CHUNK;
            Instant cutoff = yearStart.plusMillis(q * quarter);
            double[] longest = new double[1];
            int[] written = new int[1];
            java.util.concurrent.atomic.AtomicBoolean purging = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                while (purging.get()) {
                    Instant start = Instant.parse("2026-12-20T10:00:00Z").plusSeconds(written[0]);
                    CallRecord call = new CallRecord("w." + q + "." + written[0], "trygghetscenter", "0541234567", "0701234567",
                            "Caller", start, Mode.OPEN, "REGULAR_HOURS", DecidedBy.AGI, CallRoute.OFFICE, List.of(),
                            Answerer.NOBODY, null, start.plusSeconds(30), 30.0, null, 16, "Normal Clearing", CallStatus.COMPLETE);
                    long t = System.nanoTime();
                    store.write(List.of(call));
                    longest[0] = Math.max(longest[0], (System.nanoTime() - t) / 1e6);
                    written[0]++;
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            writer.start();
            Thread.sleep(200);
            long t = System.nanoTime();
            int purged = store.purgeBefore(cutoff, chunk);
            double seconds = (System.nanoTime() - t) / 1e9;
            purging.set(false);
            writer.join();
            String how = q == 1 ? "in one transaction (before)" : "in chunks of " + CallStore.PURGE_CHUNK;
            row("purging " + purged + " calls " + how + ", s", seconds, "-");
            row("  longest wait of a call's write meanwhile (" + written[0] + " written), ms", longest[0],
                    q == 1 ? "-" : "busy timeout 10000");
        }
    }

    private static void row(String figure, Object value, Object reference) {
        String v = value instanceof Double d ? String.format("%.2f", d) : String.valueOf(value);
        BenchReport.row("calllog", figure, v, String.valueOf(reference));
    }

    private static double time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double median(Runnable r) {
        double[] times = new double[7];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            r.run();
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }
}
