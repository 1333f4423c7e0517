package afterhours.calllog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Calls as CSV (RFC 4180), written row by row as they are read, so an export of any size runs in
 * constant memory. Text that a spreadsheet would run as a formula ({@code = + - @}, tab, CR at the
 * start) is prefixed with {@code '}. Caller numbers can be masked.
 */
public final class CsvExport {
    public static final String HEADER = "call_id,line,did,caller_number,caller_name,started_at,mode,reason,decided_by,"
            + "route,answered_by,answered_at,ended_at,ring_seconds,talk_seconds,hangup_cause,hangup_text,status";

    private final Writer out;
    private final ZoneId zone;
    private final int maskDigits;

    /** @param maskDigits how many trailing digits of caller numbers to hide (0: none) */
    public CsvExport(Writer out, ZoneId zone, int maskDigits) {
        this.out = out;
        this.zone = zone;
        this.maskDigits = maskDigits;
    }

    public void header() {
        write(HEADER + "\r\n");
    }

    private static String key(Words word) {
        return word == null ? null : word.key();
    }

    public void row(CallRecord c) {
        String[] cells = {c.linkedId(), c.lineId(), c.did(), mask(c.callerNumber(), maskDigits), c.callerName(),
                time(c.startedAt()), c.mode() == null ? null : c.mode().name(), c.reason(), key(c.decidedBy()), key(c.route()),
                key(c.answeredBy()), time(c.answeredAt()), time(c.endedAt()), number(c.ringSeconds()),
                number(c.talkSeconds()), c.hangupCause() == null ? null : c.hangupCause().toString(), c.hangupText(),
                c.status().name()};
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells[i]));
        }
        write(line.append("\r\n").toString());
    }

    /** One cell: formula guard, then quoted when it holds a comma, quote or line break. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** Replaces the last {@code digits} digits with x: 0701234567 -> 070123xxxx. */
    public static String mask(String number, int digits) {
        if (number == null || digits <= 0) {
            return number;
        }
        char[] chars = number.toCharArray();
        int hidden = 0;
        for (int i = chars.length - 1; i >= 0 && hidden < digits; i--) {
            if (Character.isDigit(chars[i])) {
                chars[i] = 'x';
                hidden++;
            }
        }
        return new String(chars);
    }

    private String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    private static String number(Double d) {
        return d == null ? null : String.format(Locale.ROOT, "%.3f", d);
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the CSV export failed", e);
        }
    }
}
