package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.asterisk.AmiStandIn;
import afterhours.audit.AuditLog;
import afterhours.config.AppConfig;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.report.ActivityTimeline;
import afterhours.store.Database;
import afterhours.switching.SwitchStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The call log's gaps tell the truth: down from the start until the first login, and "still down" while it is. */
class AmiGapsTest {
    private static final Instant EVER = Instant.parse("2100-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static final LineDirectory NO_LINES = new LineDirectory() {
        @Override
        public Optional<afterhours.line.Line> byNumber(String did) {
            return Optional.empty();
        }

        @Override
        public Optional<afterhours.line.Line> byId(String lineId) {
            return Optional.empty();
        }

        @Override
        public Optional<afterhours.schedule.LineState> stateAt(String lineId, Instant at) {
            return Optional.empty();
        }
    };

    @Test
    void fromTheStartUntilTheFirstLoginAndStillDownWhileItIs() throws Exception {
        Database db = Database.open(dir.resolve("gaps.db"));
        CallStore store = new CallStore(db);
        AmiStandIn asterisk = new AmiStandIn("afterhours", "secret", true).reservePort();   // not up yet
        Instant started = Instant.now();
        try (CallLog callLog = new CallLog(store, NO_LINES, Clock.systemUTC());
             AmiPbxGateway gateway = new AmiPbxGateway(new AppConfig.Ami(true, "127.0.0.1", asterisk.port(), "afterhours",
                     "secret", Duration.ofSeconds(1)), Duration.ofMinutes(1), Clock.systemUTC(), callLog)) {
            gateway.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> !store.gaps(Instant.EPOCH, EVER).isEmpty());
            AmiGap open = store.gaps(Instant.EPOCH, EVER).get(0);
            assertThat(open.stillDown()).isTrue();
            assertThat(open.from()).isBetween(started.minusSeconds(1), Instant.now());
            List<ActivityTimeline.Entry> timeline = ActivityTimeline.of(new CallFilter("center", Instant.EPOCH, EVER, null,
                    null, null, null), store, new SwitchStore(db), new AuditLog(db));
            assertThat(timeline).extracting(ActivityTimeline.Entry::summary).anyMatch(s -> s.contains("still down"));

            asterisk.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> !store.gaps(Instant.EPOCH, EVER).get(0).stillDown());
            AmiGap closed = store.gaps(Instant.EPOCH, EVER).get(0);
            assertThat(closed.from()).isEqualTo(open.from());
            assertThat(closed.to()).isAfter(closed.from());
            assertThat(store.gaps(Instant.EPOCH, EVER)).hasSize(1);
        } finally {
            asterisk.close();
        }
    }

    @Test
    void aGapARunLeftOpenEndsAtTheNextStart() {
        Database db = Database.open(dir.resolve("left.db"));
        CallStore store = new CallStore(db);
        store.openGap(Instant.parse("2026-11-25T09:00:00Z"));   // the service died while AMI was down
        Instant restart = Instant.parse("2026-11-25T09:30:00Z");
        try (CallLog callLog = new CallLog(store, NO_LINES, Clock.fixed(restart, java.time.ZoneOffset.UTC))) {
            assertThat(store.gaps(Instant.EPOCH, EVER)).containsExactly(new AmiGap(Instant.parse("2026-11-25T09:00:00Z"), restart));
        }
    }
}
