package afterhours.app;

import afterhours.calllog.LineDirectory;
import afterhours.line.Line;
import afterhours.routing.LiveLine;
import afterhours.routing.LiveLines;
import afterhours.schedule.LineState;
import java.time.Instant;
import java.util.Optional;

/** The call log's view of the lines: the served lines in memory (no database). */
public final class CallLogLines implements LineDirectory {
    private final LiveLines lines;

    public CallLogLines(LiveLines lines) {
        this.lines = lines;
    }

    @Override
    public Optional<Line> byNumber(String did) {
        return lines.byNumber(did).map(LiveLine::line);
    }

    @Override
    public Optional<Line> byId(String lineId) {
        return lines.line(lineId).map(LiveLine::line);
    }

    @Override
    public Optional<LineState> stateAt(String lineId, Instant at) {
        return lines.line(lineId).map(l -> l.schedule().stateAt(at));
    }
}
