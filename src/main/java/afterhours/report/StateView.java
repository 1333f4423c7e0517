package afterhours.report;

import afterhours.line.Line;
import afterhours.routing.Route;
import afterhours.schedule.Detail;
import afterhours.schedule.LineState;
import afterhours.validation.Dates;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A line's state as the API and the command line show it: instants as ISO date-times with the line's offset;
 * {@code detail} the plain English words, {@code why} the same as facts ({@link Detail#view}) for a face to say
 * in its reader's language.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StateView(String line, String zone, String at, String mode, String reason, String detail,
                        Map<String, Object> why, String dial, String since, String nextChange, String nextMode) {

    public static StateView of(Line line, LineState state) {
        ZoneId zone = line.zone();
        return new StateView(line.id(), zone.getId(), iso(state.at(), zone), state.mode().name(),
                state.reason().name(), state.detail(), state.why().view(zone), Route.of(line, state).dial(),
                iso(state.since(), zone), iso(state.nextChange(), zone),
                state.nextChange() == null ? null : state.nextMode().name());
    }

    /** ISO-8601 with the zone's offset at that instant, always with seconds. */
    public static String iso(Instant t, ZoneId zone) {
        return Dates.iso(t, zone);
    }
}
