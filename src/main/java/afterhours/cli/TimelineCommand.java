package afterhours.cli;

import afterhours.audit.AuditLog;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallStore;
import afterhours.line.Line;
import afterhours.report.ActivityTimeline;
import afterhours.report.StateView;
import afterhours.store.Database;
import afterhours.switching.SwitchStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A line's calls, switches, admin changes and AMI gaps in one list. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Calls, mode switches, admin changes and AMI gaps of a line, oldest first.")
public final class TimelineCommand implements Callable<Integer> {
    @ParentCommand
    AfterhoursCommand top;

    @Mixin
    CallRange range;

    @Override
    public Integer call() {
        try (Database db = top.readOnlyDatabase()) {
            Line line = CommandLines.line(db, range.lineId);
            CallFilter filter = range.filter(line);
            List<ActivityTimeline.Entry> entries = ActivityTimeline.of(filter, new CallStore(db), new SwitchStore(db),
                    new AuditLog(db));
            for (ActivityTimeline.Entry e : entries) {
                top.out.println(StateView.iso(e.at(), line.zone()) + "  " + String.format("%-6s", e.kind()) + "  " + e.summary());
            }
            if (entries.isEmpty()) {
                top.out.println("no entries for line " + line.id() + " from " + range.from.strip() + " to "
                        + range.to.strip() + " (" + line.zone() + ")");
            }
            return AfterhoursCommand.EXIT_OK;
        }
    }
}
