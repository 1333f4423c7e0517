package afterhours.app;

import afterhours.calllog.LineDirectory;
import afterhours.line.Line;
import afterhours.schedule.LineState;
import afterhours.switching.Switchboard;
import java.time.Instant;
import java.util.Optional;

/** The call log's view of the lines: the switchboard's in-memory lines and schedules (no database). */
public final class LiveLines implements LineDirectory {
    private final Switchboard switchboard;

    public LiveLines(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    @Override
    public Optional<Line> byNumber(String did) {
        return did == null ? Optional.empty() : switchboard.lineForNumber(did).map(Switchboard.LiveLine::line);
    }

    @Override
    public Optional<Line> byId(String lineId) {
        return lineId == null ? Optional.empty() : switchboard.line(lineId).map(Switchboard.LiveLine::line);
    }

    @Override
    public Optional<LineState> stateAt(String lineId, Instant at) {
        return switchboard.line(lineId).map(l -> l.schedule().stateAt(at));
    }
}
