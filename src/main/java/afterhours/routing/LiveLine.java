package afterhours.routing;

import afterhours.line.Line;
import afterhours.line.LineSetup;
import afterhours.schedule.Schedule;

/** A line as served: its stored setup and the schedule compiled from it. */
public record LiveLine(LineSetup setup, Schedule schedule) {

    public LiveLine(LineSetup setup) {
        this(setup, setup.schedule());
    }

    public Line line() {
        return setup.line();
    }
}
