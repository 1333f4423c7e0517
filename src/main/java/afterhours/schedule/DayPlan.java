package afterhours.schedule;

import java.util.List;
import java.util.stream.Collectors;

/** What one local date looks like after precedence: its opening ranges and why it is open or closed. */
record DayPlan(List<TimeRange> ranges, Reason openReason, String openDetail, Reason closedReason, String closedDetail) {

    static DayPlan weekly(List<TimeRange> ranges) {
        return new DayPlan(ranges, Reason.REGULAR_HOURS, null, Reason.OUTSIDE_HOURS, "Outside opening hours");
    }

    static DayPlan holiday(Holiday holiday) {
        return new DayPlan(List.of(), Reason.REGULAR_HOURS, null, Reason.HOLIDAY, holiday.name());
    }

    static DayPlan exception(ExceptionDay exception) {
        String note = exception.note();
        String hours = exception.hours().stream().map(TimeRange::toString).collect(Collectors.joining(", "));
        String closed = exception.isClosed()
                ? (note == null ? "Closed all day" : note)
                : (note == null ? "Special hours " + hours : note + " (" + hours + ")");
        String open = note == null ? "Special hours " + hours : note + " (" + hours + ")";
        return new DayPlan(exception.hours(), Reason.EXCEPTION, open, Reason.EXCEPTION, closed);
    }

    /** Detail shown while one of this day's ranges is open. */
    String openDetailFor(TimeRange range) {
        return openDetail != null ? openDetail : "Open " + range;
    }
}
