package afterhours.line;

import afterhours.holidays.JollydayHolidays;
import afterhours.line.HoursStore.StoredException;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.Schedule;
import afterhours.schedule.WeeklyHours;
import java.util.List;

/** Everything stored about one line: its settings, hours, exception days and override. */
public record LineSetup(Line line, WeeklyHours weekly, List<StoredException> exceptions, ManualOverride override) {

    public LineSetup {
        exceptions = List.copyOf(exceptions);
    }

    /** Compiles the pure schedule; throws if the stored data is inconsistent (overlapping exceptions). */
    public Schedule schedule() {
        return Schedule.of(line.zone(), weekly, exceptions.stream().map(StoredException::day).toList(),
                JollydayHolidays.of(line.holidays())).withOverride(override);
    }
}
