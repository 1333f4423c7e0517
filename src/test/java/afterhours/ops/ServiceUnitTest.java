package afterhours.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The systemd unit and the installer agree, and the unit keeps its hardening. */
class ServiceUnitTest {
    @Test
    void theUnitRunsTheInstalledJarAsItsOwnUserWithAReadOnlySystem() throws Exception {
        String unit = Files.readString(Path.of("scripts/afterhours.service"));
        String install = Files.readString(Path.of("scripts/install"));
        assertThat(unit).contains("User=afterhours", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
                "PrivateTmp=yes", "CapabilityBoundingSet=\n", "ReadWritePaths=/var/lib/afterhours /var/log/afterhours",
                "KillSignal=SIGTERM", "SuccessExitStatus=143",
                "-jar /opt/afterhours/afterhours.jar serve --config /etc/afterhours/afterhours.yaml",
                "-Dlogback.configurationFile=/etc/afterhours/logback.xml");
        assertThat(install).contains("install -m 0644 afterhours.jar README.md /opt/afterhours/",
                "\"config/$f\" \"/etc/afterhours/$f\"", "useradd --system", "/etc/systemd/system/afterhours.service");
    }
}
