package afterhours.calllog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;

/**
 * One call as the shipped dialplan recorded it in AstDB when it hung up (the spool), format version 2:
 * {@code 2|line|DID|linkedid|number|name|start|end|decided by|route|tries|answered seconds|cause|mode|reason}, with
 * DID, number and name URI-encoded and tries as {@code TARGET:DIALSTATUS} joined by {@code /}. The PBX edge
 * reads these; the call log turns them into rows for the calls it did not see live. Version 1 (dialplan 3 and
 * older) has no mode and reason: the call log takes them from the schedule.
 *
 * @param key the AstDB key under the spool family (the routed channel's Uniqueid)
 * @param tries the dial attempts, in order
 * @param answeredSeconds Asterisk's ANSWEREDTIME of the last Dial; null when nobody answered
 * @param mode the mode the call was routed in (the dialplan's AH_MODE); null when unknown (version 1, the failsafe)
 * @param reason the schedule's reason the call was routed by (AH_REASON); null when unknown
 */
public record SpoolRecord(String key, String lineId, String did, String linkedId, String callerNumber, String callerName,
                          Instant startedAt, Instant endedAt, DecidedBy decidedBy, CallRoute route, List<Try> tries,
                          Integer answeredSeconds, Integer hangupCause, Mode mode, String reason) {

    /** One Dial: whom it rang (by the route word the dialplan used) and how it ended. */
    public record Try(Target target, String dialStatus) { }

    public static final String VERSION = "2";
    private static final int FIELDS = 15;
    /** The version dialplans up to afterhours-dialplan-3 write: no mode and reason. */
    static final String VERSION_1 = "1";
    private static final int FIELDS_1 = 13;

    public SpoolRecord {
        tries = List.copyOf(tries);
    }

    /** The record of a spool value; empty for one this build cannot read (another version, damaged). */
    public static Optional<SpoolRecord> parse(String key, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] f = value.split("\\|", -1);
        boolean v2 = f.length == FIELDS && f[0].equals(VERSION);
        boolean v1 = f.length == FIELDS_1 && f[0].equals(VERSION_1);
        if (!v1 && !v2 || f[1].isEmpty() || f[3].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SpoolRecord(key, f[1], text(f[2]), f[3], text(f[4]), text(f[5]),
                    Instant.ofEpochSecond(Long.parseLong(f[6])), Instant.ofEpochSecond(Long.parseLong(f[7])),
                    word(f[8], DecidedBy::of), word(f[9], CallRoute::of), tries(f[10]), number(f[11]), number(f[12]),
                    v2 ? word(f[13], Mode::valueOf) : null, v2 ? reason(f[14]) : null));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<Try> tries(String field) {
        List<Try> out = new ArrayList<>();
        for (String t : field.split("/")) {
            int colon = t.indexOf(':');
            if (colon <= 0 || colon == t.length() - 1) {
                continue;   // no route word (hung up before a Dial) or no status
            }
            CallRoute route = CallRoute.of(t.substring(0, colon));
            out.add(new Try(switch (route) {
                case OFFICE -> Target.OFFICE;
                case FAILSAFE -> Target.FAILSAFE;
                case CONTRACTOR, OVERFLOW -> Target.CONTRACTOR;
            }, t.substring(colon + 1)));
        }
        return out;
    }

    private static String text(String encoded) {
        return encoded.isEmpty() ? null : URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The schedule's reason; null for none or a word of FastAGI's own (FAILSAFE, UNKNOWN_LINE), which is no reason. */
    private static String reason(String text) {
        for (Reason r : Reason.values()) {
            if (r.name().equals(text)) {
                return text;
            }
        }
        return null;
    }

    private static Integer number(String text) {
        return text.isEmpty() ? null : Integer.valueOf(text);
    }

    private static <T> T word(String text, java.util.function.Function<String, T> parse) {
        return text.isEmpty() ? null : parse.apply(text);
    }

    /** Whether the last Dial was answered. */
    public boolean answered() {
        return !tries.isEmpty() && "ANSWER".equals(tries.get(tries.size() - 1).dialStatus());
    }
}
