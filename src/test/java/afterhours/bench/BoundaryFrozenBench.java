package afterhours.bench;

import afterhours.asterisk.RealAsterisk;
import afterhours.support.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.NewChannelEvent;

/**
 * The boundary with the service frozen: 1,000 lines (default) whose hours all end at the same minute, beside a real
 * Asterisk 22, the packaged jar running as its own process in a 256 MB heap. One second before the boundary the
 * service is stopped with SIGSTOP (alive, its sockets open, answering nothing); calls are placed on 20 of the lines
 * from 2 s before to 2 s after the boundary, and each must be routed by the mode in force when it was routed: the
 * office before the boundary, the contractor from it, none at the failsafe. Then SIGCONT. A call whose incoming leg
 * began before the boundary (or less than {@link #EVENT_LAG_MS} after it, as stamped) and whose dial began after it
 * may rightly go either way (the dialplan reads the clock once, between the two): counted apart. Prints one line and exits when no Asterisk is installed or the jar is not
 * built. Arguments: lines (default 1000).
 */
public final class BoundaryFrozenBench {
    private static final Path JAR = Path.of("target/afterhours.jar");
    private static final int CALLED_LINES = 20;
    /**
     * How much later than the moment itself Asterisk may stamp an event: it stamps AMI events as it sends them, after
     * they passed its message bus (seen: a call stamped 2 ms after the boundary had read the clock before it).
     */
    private static final long EVENT_LAG_MS = 50;

    private BoundaryFrozenBench() {
    }

    public static void main(String[] args) throws Exception {
        if (RealAsterisk.binary().isEmpty() || !Files.exists(JAR)) {
            System.out.println("no asterisk binary or no packaged jar here: the frozen-boundary bench is skipped");
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("afterhours-frozen-boundary");
        ZonedDateTime boundary = ManyLinesBench.commonBoundary(30);
        long at = boundary.toInstant().toEpochMilli();
        int agiPort = Ports.free();
        try (RealAsterisk asterisk = RealAsterisk.start(dir.resolve("asterisk"), Ports.free(), agiPort, RealAsterisk.MODULES)) {
            int step = Math.max(1, count / CALLED_LINES);
            for (int i = 0; i < count; i += step) {
                String did = String.format("054%07d", i);
                // no space in the prefix: the CLI splits its arguments on spaces
                asterisk.cli("dialplan add extension " + did + ",1,Gosub(afterhours-route,s,1(" + String.format("line-%04d", i)
                        + ",Local/failsafe@test-phones,TC:,${EXTEN})) into test-incoming");
                asterisk.cli("dialplan add extension " + did + ",2,Hangup() into test-incoming");
            }
            Path config = dir.resolve("many.yaml");
            Files.writeString(config, "pbx:\n  ami: {enabled: true, host: 127.0.0.1, username: afterhours}\n"
                    + ManyLinesBench.lines(count, boundary.toLocalTime()));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Dlogback.configurationFile=config/logback.xml", "-jar", JAR.toString(), "serve", "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
            Map<String, String> env = pb.environment();
            env.put("AFTERHOURS_DATABASE", dir.resolve("many.db").toString());
            env.put("AFTERHOURS_LOG_DIR", dir.resolve("logs").toString());
            env.put("AFTERHOURS_AMI_SECRET", RealAsterisk.SECRET);
            env.put("AFTERHOURS_AMI_PORT", Integer.toString(asterisk.amiPort()));
            env.put("AFTERHOURS_FASTAGI_PORT", Integer.toString(agiPort));
            env.put("AFTERHOURS_HTTP_PORT", Integer.toString(Ports.free()));
            Process service = pb.start();
            Calls calls = new Calls();
            DefaultManagerConnection caller = new DefaultManagerConnection("127.0.0.1", asterisk.amiPort(),
                    RealAsterisk.TESTER, RealAsterisk.SECRET);
            caller.addEventListener(calls::on);
            caller.login();
            try {
                long deadline = System.currentTimeMillis() + 80_000;
                int pushed = 0;
                while (System.currentTimeMillis() < Math.min(deadline, at - 3_000)
                        && (pushed = ManyLinesBench.complete(ManyLinesBench.read(asterisk), count)) < count) {
                    Thread.sleep(200);
                }
                sleepUntil(at - 2_000);
                int placed = 0;
                long frozeAt = at - 1_000;
                boolean frozen = false;
                for (long t = at - 2_000; t < at + 2_000; t += 100) {
                    sleepUntil(t);
                    if (!frozen && t >= frozeAt) {
                        signal(service, "STOP");
                        frozen = true;
                    }
                    RealAsterisk.call(caller, String.format("054%07d", (placed % CALLED_LINES) * step),
                            "\"Caller\" <0701" + String.format("%06d", placed) + ">", 20);
                    placed++;
                }
                Thread.sleep(4_000);   // the last calls are answered and end
                signal(service, "CONT");
                int before = 0;
                int after = 0;
                int either = 0;
                int wrong = 0;
                int failsafe = 0;
                java.util.List<String> misrouted = new java.util.ArrayList<>();
                for (Call c : calls.all()) {
                    int wrongBefore = wrong;
                    if (c.dial == null) {
                        wrong++;
                        misrouted.add("never dialled, began at boundary " + (c.startAt - at) + " ms");
                        continue;
                    }
                    failsafe += c.dial.startsWith("failsafe@") ? 1 : 0;
                    if (c.dialAt < at) {
                        before++;
                        wrong += c.dial.startsWith("office@") ? 0 : 1;
                    } else if (c.startAt >= at + EVENT_LAG_MS) {
                        after++;
                        wrong += c.dial.startsWith("contractor@") ? 0 : 1;
                    } else {
                        either++;
                        wrong += c.dial.startsWith("office@") || c.dial.startsWith("contractor@") ? 0 : 1;
                    }
                    if (wrong > wrongBefore) {
                        misrouted.add(c.dial + ", began at boundary " + (c.startAt - at) + " ms, dialled at " + (c.dialAt - at) + " ms");
                    }
                }
                BenchReport.header("figure (" + count + " lines, the service frozen from 1 s before the boundary)", "value",
                        "target");
                BenchReport.row("frozen-boundary", "lines whose state was in the PBX before the boundary",
                        Integer.toString(pushed), Integer.toString(count));
                BenchReport.row("frozen-boundary", "calls placed, boundary - 2 s to + 2 s, on " + CALLED_LINES + " lines",
                        Integer.toString(placed), calls.all().size() + " reached the route");
                BenchReport.row("frozen-boundary", "routed by the mode in force: office before, contractor from the boundary",
                        (before + after + either - wrong) + " of " + placed, "all");
                BenchReport.row("frozen-boundary", "  of them before / from / across the boundary",
                        before + " / " + after + " / " + either, "");
                BenchReport.row("frozen-boundary", "at the failsafe", Integer.toString(failsafe), "0");
                misrouted.forEach(m -> System.out.println("  not by the mode in force: " + m));
            } finally {
                caller.logoff();
                signal(service, "CONT");
                service.destroy();
                service.waitFor();
            }
        }
    }

    private static void signal(Process process, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** One placed call: its incoming leg's start and its first dial, Asterisk's timestamps in epoch ms. */
    private static final class Call {
        long startAt;
        long dialAt;
        String dial;
    }

    /** The incoming legs (Local ;2 in test-incoming) matched to their first dial. */
    private static final class Calls {
        private final Map<String, Call> byChannel = new ConcurrentHashMap<>();

        void on(org.asteriskjava.manager.event.ManagerEvent event) {
            if (event instanceof NewChannelEvent n && n.getChannel() != null && n.getChannel().endsWith(";2")
                    && "test-incoming".equals(n.getContext()) && event.getTimestamp() != null) {
                Call c = new Call();
                c.startAt = (long) (event.getTimestamp() * 1000);
                byChannel.put(n.getUniqueId(), c);
            } else if (event instanceof DialBeginEvent d && d.getTimestamp() != null && d.getUniqueId() != null) {
                Call c = byChannel.get(d.getUniqueId());
                if (c != null && c.dial == null) {
                    c.dialAt = (long) (d.getTimestamp() * 1000);
                    c.dial = d.getDialString();
                }
            }
        }

        List<Call> all() {
            return List.copyOf(byChannel.values());
        }
    }
}
