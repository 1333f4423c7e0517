package afterhours.schedule;

import java.util.List;

/** What one local date looks like after precedence: its opening ranges and why it is open or closed. */
record DayPlan(List<TimeRange> ranges, Reason openReason, Detail openDetail, Reason closedReason, Detail closedDetail) {

    static DayPlan weekly(List<TimeRange> ranges) {
        return new DayPlan(ranges, Reason.REGULAR_HOURS, null, Reason.OUTSIDE_HOURS, Detail.outsideHours());
    }

    static DayPlan holiday(Holiday holiday) {
        return new DayPlan(List.of(), Reason.REGULAR_HOURS, null, Reason.HOLIDAY, Detail.holiday(holiday.name()));
    }

    static DayPlan exception(ExceptionDay exception) {
        Detail detail = Detail.exception(exception);
        return new DayPlan(exception.hours(), Reason.EXCEPTION, detail, Reason.EXCEPTION, detail);
    }

    /** Detail shown while one of this day's ranges is open. */
    Detail openDetailFor(TimeRange range) {
        return openDetail != null ? openDetail : Detail.regular(range);
    }
}
