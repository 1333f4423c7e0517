package afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.json.Json;
import afterhours.report.StateView;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@code status} at a moment and {@code simulate --at} that moment give the same answer, 2026-2028. */
class SimulateAgreesWithStatusProperties {
    private static final Path DIR = tempDir();

    @Property(tries = 60)
    void simulateAgreesWithStatus(@ForAll("instants") Instant now) throws IOException {
        Cli cli = new Cli(DIR).migrated(now);
        Cli.Result status = cli.run(now, "status", "--json");
        String at = StateView.iso(now, ZoneId.of("Europe/Stockholm"));
        Cli.Result simulate = cli.run(now, "simulate", "--line", "trygghetscenter", "--at", at);
        assertThat(status.exitCode()).isZero();
        assertThat(simulate.exitCode()).isZero();
        JsonNode fromStatus = Json.MAPPER.readTree(status.out());
        JsonNode fromSimulate = Json.MAPPER.readTree(simulate.out());
        assertThat(fromSimulate).isEqualTo(fromStatus);
        assertThat(fromSimulate.get("nextChange").isNull()).isFalse();
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs()
                .between(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(), Instant.parse("2028-12-31T23:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("afterhours-cli");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
