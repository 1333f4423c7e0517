package afterhours.report;

import afterhours.line.Line;
import afterhours.routing.Route;
import afterhours.schedule.LineState;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A line's state as the command line prints it: instants as ISO date-times with the line's offset. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StateView(String line, String zone, String at, String mode, String reason, String detail,
                        String dial, String since, String nextChange, String nextMode) {

    public static StateView of(Line line, LineState state) {
        ZoneId zone = line.zone();
        return new StateView(line.id(), zone.getId(), iso(state.at(), zone), state.mode().name(),
                state.reason().name(), state.detail(), Route.of(line, state).dial(), iso(state.since(), zone),
                iso(state.nextChange(), zone), state.nextChange() == null ? null : state.nextMode().name());
    }

    /** ISO-8601 with the zone's offset at that instant, always with seconds. */
    public static String iso(Instant t, ZoneId zone) {
        return t == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }
}
