package afterhours.cli;

import afterhours.json.Json;
import afterhours.line.LineRepository;
import afterhours.line.LineSetup;
import afterhours.report.StateView;
import afterhours.store.Database;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Prints, as one JSON object, what the line's state is (or will be) at a given instant. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Print the line's state at an instant as JSON (e.g. to check a holiday before it comes).")
public final class SimulateCommand implements Callable<Integer> {
    @ParentCommand
    AfterhoursCommand top;

    @Option(names = "--line", required = true, paramLabel = "ID", description = "Line id.")
    String lineId;

    @Option(names = "--at", required = true, paramLabel = "WHEN",
            description = "ISO date-time: local to the line's zone (2026-12-24T12:00) or with an offset (2026-12-24T12:00+01:00).")
    String when;

    @Override
    public Integer call() {
        try (Database db = top.readOnlyDatabase()) {
            CommandLines.line(db, lineId);
            LineSetup setup = new LineRepository(db).load(lineId).orElseThrow();
            Instant at = parse(when, setup.line().zone());
            top.out.println(Json.write(StateView.of(setup.line(), setup.schedule().stateAt(at))));
            return AfterhoursCommand.EXIT_OK;
        }
    }

    /**
     * A date-time with an offset is exact. A local one is read in the line's zone: in the repeated autumn
     * hour it means the first occurrence; inside the spring gap it does not exist and is refused.
     */
    static Instant parse(String text, ZoneId zone) {
        String iso = text.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notOffset) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(iso);
            } catch (DateTimeParseException e) {
                throw new UsageError("--at: expected an ISO date-time like 2026-12-24T12:00 or 2026-12-24T12:00+01:00,"
                        + " was '" + text + "'");
            }
            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                throw new UsageError("--at: " + local + " does not exist in " + zone
                        + " (clocks skip it for daylight saving time); give an offset or another time");
            }
            return ZonedDateTime.ofLocal(local, zone, null).toInstant();  // earlier offset: first occurrence
        }
    }
}
