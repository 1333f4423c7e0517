package afterhours.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.asterisk.AmiStandIn;
import afterhours.asterisk.Recordings;
import afterhours.calllog.CallEventSink;
import afterhours.config.AppConfig;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.routing.PbxContract;
import afterhours.support.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** At every AMI login the service checks what it relies on in the PBX and says what is missing. */
class PbxSelfCheckTest {
    private AmiStandIn asterisk;
    private AmiPbxGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    private List<String> missingWith(boolean timestamps, UnaryOperator<AmiStandIn> pbx) throws Exception {
        asterisk = pbx.apply(new AmiStandIn("afterhours", "secret", timestamps)).start();
        gateway = new AmiPbxGateway(new AppConfig.Ami(true, "127.0.0.1", asterisk.port(), "afterhours", "secret",
                Duration.ofSeconds(1)), Duration.ofMinutes(1), Clock.systemUTC(), CallEventSink.NONE);
        gateway.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.health().checked() != null);
        return gateway.health().missing();
    }

    @Test
    void aCompletePbxLacksNothing() throws Exception {
        assertThat(missingWith(true, a -> a)).isEmpty();
        assertThat(asterisk.actions()).filteredOn(a -> "ModuleCheck".equalsIgnoreCase(a.get("action")))
                .extracting(a -> a.get("module")).containsExactlyElementsOf(PbxContract.REQUIRED_MODULES);
    }

    @Test
    void aMissingModuleIsNamedWithWhereToLoadIt() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            assertThat(missingWith(true, a -> a.withoutModule("res_agi").withoutModule("func_db")))
                    .containsExactly("modules not loaded: res_agi, func_db (modules.conf: load => NAME.so)");
            assertThat(logs.messages()).filteredOn(m -> m.contains("the PBX lacks what Afterhours relies on")).hasSize(1);
        }
    }

    @Test
    void aMissingDialplanIsReported() throws Exception {
        assertThat(missingWith(true, a -> a.global(PbxContract.DIALPLAN_VARIABLE, null))).containsExactly(
                "the afterhours dialplan is not loaded (extensions.conf: #include extensions-afterhours.conf, then dialplan reload)");
    }

    @Test
    void anOutdatedDialplanIsReported() throws Exception {
        assertThat(missingWith(true, a -> a.global(PbxContract.DIALPLAN_VARIABLE, "afterhours-dialplan-1")))
                .containsExactly("the dialplan is afterhours-dialplan-1 but this service needs " + PbxContract.DIALPLAN_VERSION
                        + " (copy the shipped extensions-afterhours.conf, then dialplan reload)");
    }

    @Test
    void missingManagerRightsAreNamed() throws Exception {
        assertThat(missingWith(true, a -> a.denying("DBPut").denying("Getvar"))).containsExactly(
                "the manager account may not send DBPut, Getvar (manager.conf: write = system,call)");
    }

    @Test
    void eventsWithoutTimestampsAreReported() throws Exception {
        assertThat(missingWith(false, a -> a)).isEmpty();
        asterisk.sendEvents(Recordings.events("call-open-agi.ami.rx").stream()
                .map(e -> e.replaceAll("Timestamp: [0-9.]+\r\n", "")).toList());
        await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.health().missing().isEmpty());
        assertThat(gateway.health().missing()).containsExactly("AMI events carry no Timestamp (manager.conf:"
                + " timestampevents = yes); call times are when the service received the events");
    }
}
