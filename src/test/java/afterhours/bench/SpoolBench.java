package afterhours.bench;

import static afterhours.bench.BenchReport.header;
import static afterhours.bench.BenchReport.row;

import afterhours.app.Afterhours;
import afterhours.app.CallLogLines;
import afterhours.asterisk.AmiStandIn;
import afterhours.calllog.CallEvent;
import afterhours.calllog.CallLog;
import afterhours.calllog.CallStore;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.routing.PbxContract;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The call spool and the writer under stress: (1) 10,000 calls the dialplan spooled while the service was
 * away, collected after an AMI reconnect: records per second and the time from the reconnect to the last
 * one logged; (2) the database locked by another process for minutes while 50 calls per second end:
 * the heap stays bounded (run in a 128 MB heap) and every call is logged once the lock is gone.
 * Arguments: spooled records (10000), lock seconds (300), calls per second (50).
 */
public final class SpoolBench {
    private SpoolBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int lockSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        header("figure", "value", "baseline/target");
        collection(records);
        lockedDatabase(lockSeconds, perSecond);
        System.exit(0);
    }

    private static AppConfig lab(Path dir) {
        return ConfigLoader.load(Path.of("src/test/resources/config/lab.yaml"),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("bench.db").toString()));
    }

    private static void collection(int records) throws Exception {
        Path dir = Files.createTempDirectory("afterhours-spool");
        AppConfig lab = lab(dir);
        long start = Instant.now().minusSeconds(3600).getEpochSecond();
        try (AmiStandIn asterisk = new AmiStandIn("afterhours", "secret", true).start();
             Afterhours app = Afterhours.open(lab, new LoggingPbxGateway(), Clock.systemUTC())) {
            app.start();
            for (int i = 0; i < records; i++) {
                asterisk.astdb().put(PbxContract.SPOOL_FAMILY + "/" + start + "." + (2 * i + 1), "1|trygghetscenter|0541234567|"
                        + start + "." + (2 * i) + "|0701234567|Caller|" + start + "|" + (start + 40) + "|astdb|contractor"
                        + "|contractor:ANSWER|30|16");
            }
            CallLog callLog = new CallLog(new CallStore(app.database()), new CallLogLines(app.lines()), Clock.systemUTC());
            try (callLog; AmiPbxGateway gateway = new AmiPbxGateway(new AppConfig.Ami(true, "127.0.0.1", asterisk.port(),
                    "afterhours", "secret", Duration.ofSeconds(1)), Duration.ofMinutes(1), Clock.systemUTC(), callLog)) {
                long t = System.nanoTime();
                gateway.start();
                while (asterisk.astdb().keySet().stream().anyMatch(k -> k.startsWith(PbxContract.SPOOL_FAMILY + "/"))) {
                    Thread.sleep(20);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - t);
                row("spool", "spooled calls collected after a (re)connect", Integer.toString(records), "a busy week: 3500");
                row("spool", "spool collection, records/s", Long.toString(Math.round(records * 1000.0 / took.toMillis())), "-");
                row("spool", "(re)connect to the last spooled call logged, ms", Long.toString(took.toMillis()), "< 5000 for a week");
                row("spool", "rows in the call log", Long.toString(rows(dir.resolve("bench.db"))), Integer.toString(records));
            }
        }
    }

    private static void lockedDatabase(int lockSeconds, int perSecond) throws Exception {
        Path dir = Files.createTempDirectory("afterhours-lock");
        AppConfig lab = lab(dir);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Afterhours app = Afterhours.open(lab, new LoggingPbxGateway(), Clock.systemUTC())) {
            app.start();
            CallLog callLog = new CallLog(new CallStore(app.database()), new CallLogLines(app.lines()), Clock.systemUTC());
            try (callLog) {
                // another holder of the file (a backup tool, an admin's sqlite3 session) takes an exclusive lock
                Connection holder = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bench.db"));
                holder.createStatement().execute("BEGIN EXCLUSIVE");
                long peak = 0;
                int calls = 0;
                long t0 = System.nanoTime();
                long end = t0 + Duration.ofSeconds(lockSeconds).toNanos();
                while (System.nanoTime() < end) {
                    for (int i = 0; i < perSecond; i++) {
                        call(callLog, "9" + calls + ".1");
                        calls++;
                    }
                    peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                    long next = t0 + Duration.ofSeconds(calls / perSecond).toNanos();
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                }
                holder.createStatement().execute("ROLLBACK");
                holder.close();
                long afterLock = System.nanoTime();
                while (callLog.waiting() > 0) {
                    Thread.sleep(50);
                    peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                }
                row("writer", "database locked by another process, s", Integer.toString(lockSeconds), "5 min");
                row("writer", "calls ending meanwhile (" + perSecond + "/s)", Integer.toString(calls), "-");
                row("writer", "peak heap used, MiB (heap limit " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB)",
                        Long.toString(peak / 1048576), "< 128");
                row("writer", "lock released to all written, ms",
                        Long.toString(Duration.ofNanos(System.nanoTime() - afterLock).toMillis()), "-");
                row("writer", "calls logged + dropped (the spool keeps those)", rows(dir.resolve("bench.db")) + " + "
                        + callLog.dropped(), Integer.toString(calls));
            }
        }
    }

    /** One finished call on the lab's line, as the PBX edge hands it over: answered by the office. */
    private static void call(CallLog log, String linkedId) {
        Instant at = Instant.now();
        log.accept(CallEvent.newChannel(at, linkedId, linkedId, "0541234567", "0701234567", "Caller"));
        log.accept(CallEvent.dialBegin(at, linkedId, linkedId, linkedId + "0", "office@test-phones"));
        log.accept(CallEvent.dialEnd(at.plusSeconds(5), linkedId, linkedId, linkedId + "0", "ANSWER"));
        log.accept(CallEvent.hangup(at.plusSeconds(60), linkedId, linkedId + "0", null, null, null, 16, "Normal Clearing"));
        log.accept(CallEvent.hangup(at.plusSeconds(60), linkedId, linkedId, "0541234567", "0701234567", "Caller", 16,
                "Normal Clearing"));
    }

    private static long rows(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM call")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
