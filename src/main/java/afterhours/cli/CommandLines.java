package afterhours.cli;

import afterhours.app.Afterhours;
import afterhours.line.Line;
import java.util.List;

/** Small helpers the subcommands share. */
final class CommandLines {
    private CommandLines() {
    }

    /** The line, or a usage error listing the lines there are. */
    static Line line(Afterhours app, String lineId) {
        return app.repository().lines().find(lineId).orElseThrow(() -> {
            List<String> ids = app.repository().lines().all().stream().map(Line::id).toList();
            return new UsageError("unknown line '" + lineId + "' (lines: " + String.join(", ", ids) + ")");
        });
    }
}
