package afterhours.cli;

import afterhours.calllog.CallFilter;
import afterhours.calllog.CallRoute;
import afterhours.line.Line;
import afterhours.schedule.Mode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
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
        LocalDate first = date("--from", from);
        LocalDate last = date("--to", to);
        if (last.isBefore(first)) {
            throw new UsageError("--to: " + last + " is before --from " + first);
        }
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        return new CallFilter(line.id(), start, end, mode(), route(), answered(), caller);
    }

    private Mode mode() {
        if (mode == null) {
            return null;
        }
        try {
            return Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--mode: expected OPEN or FORWARDED, was '" + mode + "'");
        }
    }

    private CallRoute route() {
        try {
            return CallRoute.of(route == null ? null : route.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--route: expected office, contractor, overflow or failsafe, was '" + route + "'");
        }
    }

    private Boolean answered() {
        if (answered == null) {
            return null;
        }
        return switch (answered.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new UsageError("--answered: expected yes or no, was '" + answered + "'");
        };
    }

    private static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageError(option + ": expected a date yyyy-mm-dd, was '" + text + "'");
        }
    }
}
