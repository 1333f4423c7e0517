package afterhours.cli;

import afterhours.json.Json;
import afterhours.line.LineRepository;
import afterhours.line.LineSetup;
import afterhours.report.StateView;
import afterhours.store.Database;
import afterhours.validation.Dates;
import java.time.Instant;
import java.time.ZoneId;
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
            description = "Date and time: local to the line's zone (2026-12-24T12:00 or '2026-12-24 12:00') or with an offset (2026-12-24T12:00+01:00).")
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

    /** The instant {@code --at}, read as every face reads instants ({@link Dates#instant}). */
    static Instant parse(String text, ZoneId zone) {
        return Dates.instant(text, zone, "--at");
    }
}
