package afterhours.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The service's own logging configuration (config/logback.xml) writing a real log file: a value with a line break
 * (a recipient's name stored by an older version, a refused text in an exception) stays in its line.
 */
class OneLineLogTest {
    @TempDir
    Path dir;

    /** Guards "a recipient name with a newline forges a whole line in the log file". */
    @Test
    void aNameWithALineBreakCannotForgeALineOfTheLogFile() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("AFTERHOURS_LOG_DIR", dir.toString());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(Path.of("config/logback.xml").toFile());
        Logger log = context.getLogger("afterhours.notify.DeliveryWorker");
        String name = "Vakt\n2026-11-27T13:10:00.000+01:00 INFO  [notify] afterhours.admin.AdminServer - anna logged in\r\u001b[2J";
        log.info("Notifications: {} sent to recipient {} ({}) of line {}", "override-set", 7, name, "trygghetscenter");
        log.warn("Notifications: a delivery round failed", new IllegalArgumentException("bad value 'x\nERROR forged'",
                new IllegalStateException("cause\r\nWARN forged too")));
        context.stop();

        List<String> lines = Files.readAllLines(dir.resolve("afterhours.log"));
        assertThat(lines.get(0)).endsWith("sent to recipient 7 (Vakt\\n2026-11-27T13:10:00.000+01:00 INFO  [notify]"
                + " afterhours.admin.AdminServer - anna logged in\\r\\u001b[2J) of line trygghetscenter");
        assertThat(lines.get(1)).contains("WARN").endsWith("Notifications: a delivery round failed");
        assertThat(lines.get(2)).isEqualTo("java.lang.IllegalArgumentException: bad value 'x\\nERROR forged'");
        assertThat(lines).anyMatch(l -> l.equals("Caused by: java.lang.IllegalStateException: cause\\r\\nWARN forged too"));
        assertThat(lines).as("every line is an entry or part of a stack trace")
                .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.*") || l.startsWith("java.") || l.startsWith("Caused by: ")
                        || l.startsWith("\t"));
    }

    @Test
    void everyLoggingConfigurationEscapesMessagesAndExceptions() throws Exception {
        for (String file : List.of("config/logback.xml", "src/main/resources/logback.xml", "src/test/resources/logback-test.xml",
                "src/test/resources/logback-bench.xml")) {
            String xml = Files.readString(Path.of(file));
            assertThat(xml).as(file).contains("conversionWord=\"msg\" class=\"afterhours.logging.OneLineMessage\"",
                    "conversionWord=\"ex\" class=\"afterhours.logging.OneLineThrowable\"").doesNotContain("%m%", "%message");
            assertThat(xml.split("<pattern>", -1).length - 1).as(file).isEqualTo(xml.split("%msg%n%ex</pattern>", -1).length - 1);
        }
        assertThat(LogText.oneLine("plain text, Åsa 🌙")).isEqualTo("plain text, Åsa 🌙");
        assertThat(LogText.oneLine("a\u2028b\u202ec\u0085d")).isEqualTo("a\\u2028b\\u202ec\\u0085d");
    }
}
