package afterhours.admin;

import afterhours.line.Line;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;
import afterhours.schedule.Schedule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Uid;

/**
 * The periods a line is forwarded to the contractor over the coming weeks, as an iCalendar feed the
 * contractor's calendar can subscribe to. One event per forwarded period, with a stable UID (line and
 * start), so a client updates rather than duplicates events when hours change.
 */
final class CalendarFeed {
    private CalendarFeed() {
    }

    static String of(Line line, Schedule schedule, Instant now, Duration horizon) {
        Instant end = now.plus(horizon);
        Calendar calendar = new Calendar().withProdId("-//Afterhours//Forwarded periods//EN").withDefaults().getFluentTarget();
        LineState state = schedule.stateAt(now);
        Instant start = state.mode() == Mode.FORWARDED ? (state.since() == null ? now : state.since()) : null;
        String reason = state.mode() == Mode.FORWARDED ? describe(state) : null;
        Instant cursor = now;
        while (cursor.isBefore(end)) {
            List<LineState> next = schedule.changesAfter(cursor, 1);
            Instant change = next.isEmpty() ? null : next.get(0).at();
            if (start != null && (change == null || change.isAfter(end))) {
                calendar.add(event(line, start, change == null ? end : change, reason));
                break;
            }
            if (change == null || change.isAfter(end)) {
                break;
            }
            if (next.get(0).mode() == Mode.FORWARDED) {
                start = change;
                reason = describe(next.get(0));
            } else if (start != null) {
                calendar.add(event(line, start, change, reason));
                start = null;
            }
            cursor = change;
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String describe(LineState s) {
        return s.reason() + (s.detail() == null ? "" : ": " + s.detail());
    }

    private static VEvent event(Line line, Instant from, Instant to, String reason) {
        VEvent event = new VEvent(from, to,
                "Forwarded: " + line.name());
        event.add(new Uid(line.id() + "-" + from.getEpochSecond() + "@afterhours"));
        event.add(new Description("Calls to " + line.name() + " ring the contractor (" + reason + ")."));
        return event;
    }
}
