package afterhours.schedule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours {@code [start, end)} in local time, in minutes after midnight. {@code 24:00} is allowed
 * only as an end. An end at or before the start means the range crosses midnight; it belongs to the day
 * it starts on.
 */
public record TimeRange(int startMinute, int endMinute) {
    public static final int DAY_MINUTES = 24 * 60;
    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})");
    private static final Pattern RANGE = Pattern.compile("\\s*(\\S+?)\\s*[-\u2013]\\s*(\\S+)\\s*");

    public TimeRange {
        if (startMinute < 0 || startMinute >= DAY_MINUTES) {
            throw new IllegalArgumentException("start must be 00:00..23:59, was " + format(startMinute));
        }
        if (endMinute < 0 || endMinute > DAY_MINUTES) {
            throw new IllegalArgumentException("end must be 00:00..24:00, was " + format(endMinute));
        }
        if (startMinute == endMinute) {
            throw new IllegalArgumentException("empty range " + format(startMinute) + "-" + format(endMinute));
        }
        if (endMinute == DAY_MINUTES && startMinute == 0) {
            // whole day: fine
        } else if (endMinute == 0) {
            // "22:00-00:00" means until midnight: store it as 24:00 so it stays on its own day
            endMinute = DAY_MINUTES;
        }
    }

    /** Parses {@code HH:MM-HH:MM} (an en dash too); what is wrong is said by the {@link Unreadable} thrown. */
    public static TimeRange parse(String text) {
        if (text == null) {
            throw new Unreadable(Unreadable.Why.FORMAT, "", "expected HH:MM-HH:MM, was nothing");
        }
        Matcher m = RANGE.matcher(text);
        if (!m.matches() || !TIME.matcher(m.group(1)).matches() || !TIME.matcher(m.group(2)).matches()) {
            throw new Unreadable(Unreadable.Why.FORMAT, text, "expected HH:MM-HH:MM, was '" + text + "'");
        }
        int start = parseTime(m.group(1), false);
        int end = parseTime(m.group(2), true);
        if (start == end) {
            throw new Unreadable(Unreadable.Why.EMPTY, text.strip(), "empty range " + format(start) + "-" + format(end));
        }
        return new TimeRange(start, end);
    }

    /** Parses {@code HH:MM}; {@code 24:00} only when {@code asEnd}. */
    public static int parseTime(String text, boolean asEnd) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw new Unreadable(Unreadable.Why.FORMAT, text, "expected a time HH:MM, was '" + text + "'");
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (h == 24 && min == 0) {
            if (!asEnd) {
                throw new Unreadable(Unreadable.Why.MIDNIGHT_AS_START, text, "24:00 is allowed only as an end");
            }
            return DAY_MINUTES;
        }
        if (h > 23 || min > 59) {
            throw new Unreadable(Unreadable.Why.TIME_OF_DAY, text, "no such time of day: '" + text + "'");
        }
        return h * 60 + min;
    }

    /** Text that is not a range, and why: {@code value} is the part at fault (the whole text, or one time). */
    public static final class Unreadable extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** What is wrong with the text. */
        public enum Why { FORMAT, TIME_OF_DAY, MIDNIGHT_AS_START, EMPTY }

        private final Why why;
        private final String value;

        Unreadable(Why why, String value, String message) {
            super(message);
            this.why = why;
            this.value = value;
        }

        public Why why() {
            return why;
        }

        public String value() {
            return value;
        }
    }

    /** How long the range is open, in minutes of the clock (a DST night may differ by an hour). */
    public int minutes() {
        return endMinuteFromStartDay() - startMinute;
    }

    /** The start as the clock shows it: {@code 15:00}. */
    public String from() {
        return format(startMinute);
    }

    /** The end as the clock shows it: {@code 10:00}, {@code 24:00}. */
    public String to() {
        return format(endMinute);
    }

    /** True when the range ends on the next day. */
    public boolean crossesMidnight() {
        return endMinute <= startMinute;
    }

    /** End in minutes after the start day's midnight (beyond 1440 when crossing midnight). */
    public int endMinuteFromStartDay() {
        return crossesMidnight() ? endMinute + DAY_MINUTES : endMinute;
    }

    public static String format(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    @Override
    public String toString() {
        return format(startMinute) + "-" + format(endMinute);
    }
}
