package afterhours.bench;

import afterhours.asterisk.FastAgiClient;
import afterhours.support.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The packaged service as a real process: time from starting the JVM to the first routed FastAGI call,
 * and resident memory after it has idled (Linux /proc). Needs {@code mvn package} first (scripts/bench
 * does it).
 */
public final class FootprintBench {
    private FootprintBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("afterhours-footprint");
        int agiPort = Ports.free();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=config/logback.xml", "-jar", "target/afterhours.jar", "serve")
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile());
        Map<String, String> env = pb.environment();
        env.put("AFTERHOURS_DATABASE", dir.resolve("f.db").toString());
        env.put("AFTERHOURS_LOG_DIR", dir.resolve("logs").toString());
        env.put("AFTERHOURS_FASTAGI_PORT", Integer.toString(agiPort));
        env.put("AFTERHOURS_AMI_PORT", Integer.toString(Ports.free()));
        env.put("AFTERHOURS_HTTP_PORT", Integer.toString(Ports.free()));
        long start = System.nanoTime();
        Process service = pb.start();
        try {
            FastAgiClient asterisk = new FastAgiClient(agiPort);
            double listening = -1;
            while (listening < 0 && System.nanoTime() - start < 30_000_000_000L) {
                try (java.net.Socket probe = new java.net.Socket("127.0.0.1", agiPort)) {
                    listening = (System.nanoTime() - start) / 1e9;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(5);
                }
            }
            double firstCall = -1;
            while (firstCall < 0 && System.nanoTime() - start < 30_000_000_000L) {
                try {
                    if (asterisk.call("call-open-agi.agi.rx", "route?line=trygghetscenter", Map.of()).variables().containsKey("AH_DIAL")) {
                        firstCall = (System.nanoTime() - start) / 1e9;
                    }
                } catch (java.io.IOException notYet) {
                    Thread.sleep(10);
                }
            }
            Thread.sleep(10_000);
            long rssKb = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + service.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            BenchReport.row("footprint", "start to FastAGI listening, s", String.format("%.2f", listening), "-");
            BenchReport.row("footprint", "start to first routed FastAGI call, s", String.format("%.2f", firstCall), "< 3");
            BenchReport.row("footprint", "resident memory after 10 s idle, MB", String.format("%.0f", rssKb / 1024.0), "< 200");
        } finally {
            service.destroy();
            service.waitFor();
        }
    }
}
