package afterhours.cli;

import afterhours.json.Json;
import afterhours.line.LineRepository;
import afterhours.line.LineSetup;
import afterhours.report.StateView;
import afterhours.store.Database;
import afterhours.switching.Switch;
import afterhours.switching.SwitchStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Prints every line's state now, its next change and the last switch the service recorded. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print every line's current state and next change.")
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    AfterhoursCommand top;

    @Option(names = "--json", description = "One JSON object per line instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        try (Database db = top.readOnlyDatabase()) {
            Instant now = top.clock.instant();
            SwitchStore switches = new SwitchStore(db);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"LINE", "MODE", "REASON", "SINCE", "NEXT CHANGE", "DETAIL", "LAST RECORDED SWITCH"});
            for (LineSetup setup : new LineRepository(db).loadAll()) {
                StateView view = StateView.of(setup.line(), setup.schedule().stateAt(now));
                if (json) {
                    top.out.println(Json.write(view));
                    continue;
                }
                String last = switches.last(setup.line().id())
                        .map(s -> lastSwitch(s, setup)).orElse("none (service not started yet)");
                rows.add(new String[] {view.line(), view.mode(), view.reason(), orDash(view.since()),
                        view.nextChange() == null ? "-" : view.nextChange() + " -> " + view.nextMode(),
                        orDash(view.detail()), last});
            }
            if (!json) {
                printTable(rows);
            }
            return AfterhoursCommand.EXIT_OK;
        }
    }

    private static String lastSwitch(Switch s, LineSetup setup) {
        return s.to() + " at " + StateView.iso(s.appliedAt(), setup.line().zone()) + " (" + s.trigger() + ")";
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private void printTable(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            top.out.println(line.toString().stripTrailing());
        }
    }
}
