package afterhours.cli;

import afterhours.report.StateView;

import afterhours.app.Afterhours;
import afterhours.calllog.CallStore;
import afterhours.report.ActivityTimeline;
import afterhours.line.Line;
import afterhours.pbx.LoggingPbxGateway;
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
        try (Afterhours app = Afterhours.open(top.config(), new LoggingPbxGateway(), top.clock)) {
            Line line = CommandLines.line(app, range.lineId);
            for (ActivityTimeline.Entry e : ActivityTimeline.of(range.filter(line), new CallStore(app.database()), app.switches(),
                    app.audit())) {
                top.out.println(StateView.iso(e.at(), line.zone()) + "  " + String.format("%-6s", e.kind()) + "  " + e.summary());
            }
            return AfterhoursCommand.EXIT_OK;
        }
    }
}
