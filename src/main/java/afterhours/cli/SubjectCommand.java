package afterhours.cli;

import afterhours.audit.AuditLog;
import afterhours.calllog.ErasedNumbers;
import afterhours.calllog.NumberPlan;
import afterhours.config.AppConfig;
import afterhours.config.Databases;
import afterhours.json.Json;
import afterhours.line.LineRepository;
import afterhours.notify.OutboxPersonalData;
import afterhours.report.SubjectView;
import afterhours.store.Database;
import afterhours.subject.PbxSpool;
import afterhours.subject.Subjects;
import afterhours.validation.Choice;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A caller's rights on the command line: {@code subject export} and {@code subject erase}. The command line does
 * not reach the PBX: the document says the spool was not read, and an erasure leaves the spool's records of the
 * number to the erased list, which erases them when the service collects them.
 */
@Command(name = "subject", mixinStandardHelpOptions = true,
        description = "A caller's rights: show everything held about a number, or erase it (GDPR art. 15 and 17).",
        subcommands = {SubjectCommand.Export.class, SubjectCommand.Erase.class})
public final class SubjectCommand {
    @ParentCommand
    AfterhoursCommand top;

    /** The callers' side of the configured service, on {@code db}, without the PBX. */
    static Subjects subjects(AppConfig config, Database db) {
        return new Subjects(db, ErasedNumbers.in(config.keyDirectory(), new NumberPlan(config.callers().countryCode())),
                new AuditLog(db), config.callRetention(), Duration.ofDays(config.callers().numbersKeptDays()),
                List.of(new OutboxPersonalData()), PbxSpool.NOT_CONNECTED);
    }

    /** Who ran the command, as the audit trail names them. */
    static String actor(AfterhoursCommand top) {
        return "cli:" + top.env.getOrDefault("USER", "unknown");
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Every record holding the number or a name that came with it, with what it is and how long it is kept.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        SubjectCommand subject;

        @Option(names = "--number", required = true, paramLabel = "N", description = "The caller's number (0701234567, +46701234567).")
        String number;

        @Option(names = "--format", paramLabel = "json|csv", defaultValue = "json", description = "Output format (default json).")
        String format;

        @Override
        public Integer call() throws Exception {
            AfterhoursCommand top = subject.top;
            String f = Choice.of(List.of("json", "csv"), format, "--format");
            AppConfig config = top.config();
            try (Database db = Databases.open(config)) {
                Subjects subjects = subjects(config, db);
                Subjects.Document document = subjects.export(subjects.number(number, "--number"), actor(top), top.clock.instant());
                Function<String, ZoneId> zones = SubjectView.zones(new LineRepository(db).lines().all());
                Writer out = new BufferedWriter(new OutputStreamWriter(top.out, StandardCharsets.UTF_8));
                if (f.equals("csv")) {
                    SubjectView.csv(document, zones, out);
                } else {
                    out.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(SubjectView.of(document, zones)));
                    out.write('\n');
                }
                out.flush();
            }
            return AfterhoursCommand.EXIT_OK;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Remove the number and the names that came with it everywhere; later calls of it are erased on arrival.")
    static final class Erase implements Callable<Integer> {
        @ParentCommand
        SubjectCommand subject;

        @Option(names = "--number", required = true, paramLabel = "N", description = "The caller's number (0701234567, +46701234567).")
        String number;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit trail).")
        String reason;

        @Override
        public Integer call() {
            AfterhoursCommand top = subject.top;
            AppConfig config = top.config();
            try (Database db = Databases.open(config)) {
                Subjects subjects = subjects(config, db);
                Subjects.Erasure erasure = subjects.erase(subjects.number(number, "--number"), actor(top), reason,
                        top.clock.instant());
                top.out.println(Json.write(SubjectView.of(erasure)));
            }
            return AfterhoursCommand.EXIT_OK;
        }
    }
}
