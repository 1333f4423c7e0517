package afterhours.bench;

import afterhours.asterisk.RealAsterisk;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.pbx.ServiceBeside;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A municipality's switchboard beside a real Asterisk 22: many lines (default 1,000) whose hours all end at the same
 * minute. Measured: from the start until every line's state is in AstDB, and from the common boundary until every
 * line's lamp has changed and (native routing) every line's state holds the period after the boundary's, the "next"
 * one period ahead again. The PBX is read with {@code database show afterhours} every 100 ms. Run it with
 * {@code BENCH_HEAP=256m}. Prints one line and exits when no Asterisk is installed. Arguments: lines (default 1000).
 */
public final class ManyLinesBench {
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    private static final Pattern KEY = Pattern.compile("/afterhours/([a-z0-9-]+)/(\\w+)\\s*:\\s*(\\S.*?)\\s*$");

    private ManyLinesBench() {
    }

    public static void main(String[] args) throws Exception {
        if (RealAsterisk.binary().isEmpty()) {
            System.out.println("no asterisk binary on this machine: the many-lines bench is skipped");
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("afterhours-many-lines");
        ZonedDateTime boundary = commonBoundary(60);
        String yaml = "pbx:\n  ami: {enabled: false}\n" + lines(count, boundary.toLocalTime());
        int agiPort = Ports.free();
        try (RealAsterisk asterisk = RealAsterisk.start(dir.resolve("asterisk"), Ports.free(), agiPort, RealAsterisk.MODULES)) {
            AppConfig lines = ConfigLoader.load(TestConfigs.write(dir, "many.yaml", yaml),
                    Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("many.db").toString()));
            AppConfig config = new AppConfig(lines.database(), new AppConfig.Http("127.0.0.1", Ports.free()),
                    new AppConfig.Ami(true, "127.0.0.1", asterisk.amiPort(), "afterhours", RealAsterisk.SECRET,
                            Duration.ofSeconds(5)),
                    new AppConfig.FastAgi("127.0.0.1", agiPort, 10, 200), lines.stateGrace(), Duration.ofMinutes(10),
                    lines.watchdogPeriod(), lines.lines(), lines.callRetention(), null);
            long start = System.nanoTime();
            try (ServiceBeside service = ServiceBeside.start(config)) {
                Map<String, Map<String, String>> pbx = read(asterisk);
                while (complete(pbx, count) < count && System.nanoTime() - start < 120_000_000_000L) {
                    Thread.sleep(100);
                    pbx = read(asterisk);
                }
                double allPushed = (System.nanoTime() - start) / 1e9;
                BenchReport.header("figure (" + count + " lines, heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB)",
                        "value", "target");
                BenchReport.row("many-lines", "start to every line's state in AstDB, s", String.format("%.1f", allPushed),
                        "<= 15");

                Instant at = boundary.toInstant();
                long epoch = at.getEpochSecond();
                Map<String, Long> lampChanged = new HashMap<>();
                Map<String, Long> nextPushed = new HashMap<>();
                while (Instant.now().isBefore(at.plusSeconds(60)) && (lampChanged.size() < count || nextPushed.size() < count)) {
                    pbx = read(asterisk);
                    long now = System.currentTimeMillis();
                    for (var line : pbx.entrySet()) {
                        if (now >= at.toEpochMilli() && "FORWARDED".equals(line.getValue().get("mode"))) {
                            lampChanged.putIfAbsent(line.getKey(), now - at.toEpochMilli());
                        }
                        String state = line.getValue().get("state");
                        if (state != null && nextStart(state) > epoch) {
                            nextPushed.putIfAbsent(line.getKey(), now - at.toEpochMilli());
                        }
                    }
                    Thread.sleep(100);
                }
                Runtime rt = Runtime.getRuntime();
                long used = (rt.totalMemory() - rt.freeMemory()) >> 20;
                BenchReport.row("many-lines", "boundary to every line's mode (lamp) changed, s",
                        lampChanged.size() < count ? "only " + lampChanged.size() : String.format("%.1f", max(lampChanged) / 1000.0),
                        "median " + String.format("%.1f", median(lampChanged) / 1000.0));
                BenchReport.row("many-lines", "boundary to every line's next period pushed again, s",
                        nextPushed.size() < count ? "only " + nextPushed.size() : String.format("%.1f", max(nextPushed) / 1000.0),
                        "<= 10");
                BenchReport.row("many-lines", "heap used after the boundary, MB", Long.toString(used),
                        "max " + (rt.maxMemory() >> 20));
            }
        }
    }

    /**
     * The lines' common boundary: a whole minute at least {@code seconds} from now (the lines are open until then), not
     * midnight (where "until 24:00" would be another day's hours).
     */
    static ZonedDateTime commonBoundary(int seconds) {
        ZonedDateTime boundary = ZonedDateTime.now(ZONE).plusSeconds(seconds + 60).truncatedTo(ChronoUnit.MINUTES);
        return boundary.toLocalTime().equals(LocalTime.MIDNIGHT) ? boundary.plusMinutes(1) : boundary;
    }

    /**
     * The {@code lines:} of {@code count} lines, {@code line-0000} on {@code 0540000000} and so on, open every day until
     * {@code end}, then forwarded: their hours all end at the same minute.
     */
    static String lines(int count, LocalTime end) {
        return TestConfigs.linesYaml(count, i -> "Line " + i, "[\"00:00-" + end + "\"]");
    }

    /** Lines whose state (or, from an older build, mode) is in AstDB. */
    static int complete(Map<String, Map<String, String>> pbx, int count) {
        return (int) pbx.values().stream().filter(keys -> keys.containsKey("state") || keys.containsKey("mode")).count();
    }

    private static long nextStart(String state) {
        String[] f = state.split("\\|", -1);
        return f.length > 2 && !f[2].isEmpty() ? Long.parseLong(f[2]) : 0;
    }

    /** The afterhours family as the Asterisk CLI shows it: line, then key, then value. */
    static Map<String, Map<String, String>> read(RealAsterisk asterisk) throws Exception {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (String line : asterisk.cli("database show afterhours").split("\n")) {
            Matcher m = KEY.matcher(line);
            if (m.find()) {
                out.computeIfAbsent(m.group(1), k -> new HashMap<>()).put(m.group(2), m.group(3));
            }
        }
        return out;
    }

    private static long max(Map<String, Long> values) {
        return values.values().stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    private static long median(Map<String, Long> values) {
        List<Long> sorted = values.values().stream().sorted().toList();
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }
}
