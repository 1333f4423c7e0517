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

    /** Parses {@code HH:MM-HH:MM}; the message names what is wrong. */
    public static TimeRange parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("expected HH:MM-HH:MM, was nothing");
        }
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected HH:MM-HH:MM, was '" + text + "'");
        }
        if (!TIME.matcher(m.group(1)).matches() || !TIME.matcher(m.group(2)).matches()) {
            throw new IllegalArgumentException("expected HH:MM-HH:MM, was '" + text + "'");
        }
        int start = parseTime(m.group(1), false);
        int end = parseTime(m.group(2), true);
        return new TimeRange(start, end);
    }

    /** Parses {@code HH:MM}; {@code 24:00} only when {@code asEnd}. */
    public static int parseTime(String text, boolean asEnd) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a time HH:MM, was '" + text + "'");
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (h == 24 && min == 0) {
            if (!asEnd) {
                throw new IllegalArgumentException("24:00 is allowed only as an end");
            }
            return DAY_MINUTES;
        }
        if (h > 23 || min > 59) {
            throw new IllegalArgumentException("no such time of day: '" + text + "'");
        }
        return h * 60 + min;
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
