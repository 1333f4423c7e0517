package afterhours.cli;

import afterhours.calllog.CallFilter;
import afterhours.calllog.CallRoute;
import afterhours.line.Line;
import afterhours.schedule.Mode;
import afterhours.validation.Choice;
import afterhours.validation.Dates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine.Option;

/** The call-log options shared by {@code calls}, {@code stats} and {@code timeline}: which line, which days. */
final class CallRange {
    @Option(names = "--line", required = true, paramLabel = "ID", description = "Line id.")
    String lineId;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day (yyyy-mm-dd, line's zone).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, included (yyyy-mm-dd).")
    String to;

    @Option(names = "--mode", paramLabel = "MODE", description = "Only calls that came in while OPEN or FORWARDED.")
    String mode;

    @Option(names = "--route", paramLabel = "ROUTE", description = "office, contractor, overflow or failsafe.")
    String route;

    @Option(names = "--answered", paramLabel = "yes|no", description = "Only answered (yes) or unanswered (no) calls.")
    String answered;

    @Option(names = "--caller", paramLabel = "NUMBER", description = "Only calls from this number.")
    String caller;

    /** The filter, days read in the line's zone: {@code [from 00:00, to+1 00:00)}. */
    CallFilter filter(Line line) {
        ZoneId zone = line.zone();
        LocalDate first = Dates.date(from, "--from");
        LocalDate last = Dates.date(to, "--to");
        if (last.isBefore(first)) {
            throw new UsageError("--to: " + last + " is before --from " + first);
        }
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        return new CallFilter(line.id(), start, end, mode == null ? null : Choice.of(Mode.class, mode, "--mode"),
                route == null ? null : Choice.of(CallRoute.values(), CallRoute::key, route, "--route"),
                answered == null ? null : Choice.of(List.of("yes", "no"), answered, "--answered").equals("yes"), caller);
    }
}
