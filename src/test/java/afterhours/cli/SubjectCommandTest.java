package afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.calllog.CallStore;
import afterhours.calllog.MissedCallScenario;
import afterhours.json.Json;
import afterhours.schedule.Mode;
import afterhours.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code afterhours subject export|erase} on the sample configuration's SQLite file, and {@code afterhours restore}
 * of a backup older than an erasure, which applies the erasure again.
 */
class SubjectCommandTest {
    private static final Instant NOW = MissedCallScenario.NOW;

    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void seed() {
        cli = new Cli(dir).migrated(NOW);
        try (Database db = Database.open(dir.resolve("cli.db"))) {
            MissedCallScenario.aMorning(new CallStore(db));
        }
    }

    private String number(String id) {
        try (Database db = Database.open(dir.resolve("cli.db"))) {
            return new CallStore(db).find(id).orElseThrow().callerNumber();
        }
    }

    @Test
    void exportShowsTheRecordsAndSaysThePbxSpoolWasNotRead() throws Exception {
        Cli.Result r = cli.run(NOW, "subject", "export", "--number", "+46 70 234 56 78");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode d = Json.MAPPER.readTree(r.out());
        assertThat(d.get("records").findValuesAsText("id")).containsExactly("m.2", "m.3");
        assertThat(d.get("pbxSpool").get("read").asBoolean()).isFalse();
        Cli.Result csv = cli.run(NOW, "subject", "export", "--number", "0702345678", "--format", "csv");
        assertThat(csv.out().split("\r\n")).hasSize(4);

        Cli.Result bad = cli.run(NOW, "subject", "export", "--number", "070x");
        assertThat(bad.exitCode()).isEqualTo(AfterhoursCommand.EXIT_USAGE);
        assertThat(bad.err().strip()).startsWith("error: --number: expected a caller's number").doesNotContain("Exception");
        assertThat(cli.run(NOW, "subject", "export", "--number", "0702345678", "--format", "xml").err()).contains("--format");
    }

    @Test
    void eraseNeedsAReasonAndTakesTheNumberOutThenARestoreOfAnOlderBackupGetsItAppliedAgain() throws Exception {
        Cli.Result noReason = cli.run(NOW, "subject", "erase", "--number", "0701234567", "--reason", " ");
        assertThat(noReason.exitCode()).isEqualTo(AfterhoursCommand.EXIT_USAGE);
        assertThat(noReason.err()).contains("reason");
        assertThat(number("m.1")).isEqualTo("0701234567");

        Path backup = dir.resolve("before.db");
        assertThat(cli.run(NOW, "backup", "--to", backup.toString()).exitCode()).isZero();
        Cli.Result erased = cli.run(NOW, "subject", "erase", "--number", "0701234567", "--reason", "asked by letter");
        assertThat(erased.exitCode()).as(erased.err()).isZero();
        assertThat(Json.MAPPER.readTree(erased.out()).get("erased").get("call").asInt()).isEqualTo(1);
        assertThat(erased.out()).doesNotContain("701234567");
        assertThat(number("m.1")).isNull();
        assertThat(dir.resolve("erasure.key")).exists();
        assertThat(dir.resolve("erased-numbers")).exists();

        Cli.Result restored = cli.run(NOW, "restore", "--from", backup.toString());
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("Erasures made after the backup applied again: 1 number(s)");
        assertThat(number("m.1")).as("erased again").isNull();
        assertThat(number("m.2")).isEqualTo("0702345678");
        // and a call of the number that arrives later is erased on arrival, whoever writes it
        try (Database db = Database.open(dir.resolve("cli.db"))) {
            afterhours.calllog.ErasedNumbers list = afterhours.calllog.ErasedNumbers.in(dir, afterhours.calllog.NumberPlan.DEFAULT);
            CallStore store = new CallStore(db, java.time.Clock.systemUTC(), new afterhours.calllog.CallerPrivacy(list, null));
            store.writeSpooled(List.of(MissedCallScenario.call("m.9", "trygghetscenter", "0046701234567", NOW, "office:ANSWER", 4,
                    Mode.OPEN)));
            assertThat(store.find("m.9").orElseThrow().callerNumber()).isNull();
        }
    }
}
