package afterhours.cli;

import afterhours.line.Line;
import afterhours.line.LineRepository;
import afterhours.line.LineStore;
import afterhours.store.Database;
import java.util.List;

/** Small helpers the subcommands share. */
final class CommandLines {
    private CommandLines() {
    }

    /** The line, or a usage error listing the lines there are. */
    static Line line(Database db, String lineId) {
        LineStore lines = new LineRepository(db).lines();
        return lines.find(lineId).orElseThrow(() -> {
            List<String> ids = lines.all().stream().map(Line::id).toList();
            return new UsageError("unknown line '" + lineId + "' (lines: " + String.join(", ", ids) + ")");
        });
    }
}
