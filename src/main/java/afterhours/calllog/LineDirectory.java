package afterhours.calllog;

import afterhours.line.Line;
import afterhours.schedule.LineState;
import java.time.Instant;
import java.util.Optional;

/** What the call log needs to know about lines: which numbers are managed, and the state at an instant. */
public interface LineDirectory {

    Optional<Line> byNumber(String did);

    Optional<Line> byId(String lineId);

    /** The line's state at an instant (pure, from memory). */
    Optional<LineState> stateAt(String lineId, Instant at);
}
