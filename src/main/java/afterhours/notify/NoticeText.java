package afterhours.notify;

import afterhours.calllog.Attempt;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CsvExport;
import afterhours.calllog.MissedCallEntry;
import afterhours.schedule.Detail;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.LineState;
import afterhours.schedule.Mode;
import afterhours.schedule.Reason;
import afterhours.schedule.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A notice in plain words, Swedish or English: what changed, from when, until when, who did it and what
 * comes next ("Trygghetscenter vidarekopplas till er från 13:10 till torsdag 10:00 (manuellt: anna,
 * personalmöte)"). Times are the line's, 24-hour; within the coming week a day is named by its weekday.
 */
public final class NoticeText {
    public static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The subject line (e-mail) and the sentence (e-mail body, webhook text). */
    public record Text(String subject, String body) { }

    /** A message about missed calls lists at most this many; the rest are counted. */
    public static final int MAX_CALLS_LISTED = 20;

    private final Notice notice;
    private final boolean sv;
    private final ZoneId zone;
    private final String line;
    private final Recipient.Numbers numbers;

    private NoticeText(Notice notice, Locale language, Recipient.Numbers numbers) {
        this.notice = notice;
        this.sv = language.getLanguage().equals("sv");
        this.zone = notice.after().line().zone();
        this.line = notice.after().line().name();
        this.numbers = numbers;
    }

    public static Text of(Notice notice, Locale language) {
        return of(notice, language, Recipient.Numbers.MASKED);
    }

    /** The text for one recipient: its language, and caller numbers in full or masked as it chose. */
    public static Text of(Notice notice, Locale language, Recipient.Numbers numbers) {
        return new NoticeText(notice, language, numbers).text();
    }

    /** A caller number as a recipient gets it: in full, masked, or null when withheld. */
    public static String number(String callerNumber, Recipient.Numbers numbers) {
        return numbers == Recipient.Numbers.FULL ? callerNumber : CsvExport.mask(callerNumber, Recipient.Numbers.MASKED_DIGITS);
    }

    /** The line's state from the notice's instant on: mode and until when (null: no change in sight). */
    public static LineState stateAfter(Notice notice) {
        return notice.after().schedule().stateAt(notice.at());
    }

    private Text text() {
        LineState state = stateAfter(notice);
        return switch (notice.kind()) {
            case OVERRIDE_SET -> new Text(subject(state), sentence(state) + " (" + (sv ? "manuellt: " : "set by hand: ")
                    + who() + (notice.note() == null ? "" : ", " + notice.note()) + ").");
            case OVERRIDE_CLEARED -> new Text(subject(state), sentence(state) + " (" + (sv
                    ? "manuell inställning borttagen av " + who() + "; öppettiderna gäller"
                    : "manual setting removed by " + who() + "; the opening hours apply") + ").");
            case SWITCH -> new Text(subject(state), sentence(state) + " (" + why(notice.reason(), notice.why()) + ").");
            case EXCEPTION_ADDED -> exceptionAdded(notice.exception());
            case EXCEPTION_REMOVED -> new Text(line + ": " + (sv ? "undantag borttaget " : "exception removed ")
                    + dates(notice.exception()), sv
                    ? line + ": undantaget " + dates(notice.exception()) + " är borttaget av " + who()
                            + "; de dagarna gäller vanliga öppettider."
                    : line + ": the exception " + dates(notice.exception()) + " was removed by " + who()
                            + "; the usual opening hours apply on those days.");
            case PBX_DOWN -> pbxDown();
            case SERVICE_DOWN -> serviceDown(state);
            case MISSED -> missed(notice.missed());
            case TEST -> new Text(line + ": " + (sv ? "testmeddelande" : "test message"),
                    (sv ? "Testmeddelande från Afterhours, skickat av " : "Test message from Afterhours, sent by ") + who()
                            + ". " + (sv ? "Just nu: " : "Right now: ") + sentence(state) + ".");
        };
    }

    private String who() {
        return notice.actor() == null ? "Afterhours" : notice.actor();
    }

    private String subject(LineState state) {
        String from = when(notice.at());
        if (state.mode() == Mode.FORWARDED) {
            return line + ": " + (sv ? "vidarekopplat till er från " : "forwarded to you from ") + from;
        }
        return line + ": " + (sv ? "öppet från " : "open from ") + from;
    }

    /** "Trygghetscenter vidarekopplas till er från 13:10 till torsdag 10:00", without the full stop. */
    private String sentence(LineState state) {
        String from = when(notice.at());
        String until = state.nextChange() == null ? (sv ? "tills vidare" : "until further notice")
                : (sv ? "till " : "until ") + when(state.nextChange());
        if (state.mode() == Mode.FORWARDED) {
            return sv ? line + " vidarekopplas till er från " + from + " " + until
                    : line + " is forwarded to you from " + from + " " + until;
        }
        return sv ? line + " är öppet från " + from + " " + until + ": samtalen går till kontoret, inte till er"
                : line + " is open from " + from + " " + until + ": calls go to the office, not to you";
    }

    /** Why the switch, in the reader's words: "undantag: särskilda öppettider 10:00-12:00 (halvdag)". */
    private String why(Reason reason, Detail why) {
        if (why == null) {
            return switch (reason) {
                case REGULAR_HOURS -> sv ? "enligt öppettider" : "opening hours";
                case OUTSIDE_HOURS -> sv ? "utanför öppettider" : "outside opening hours";
                case HOLIDAY -> sv ? "helgdag" : "public holiday";
                case EXCEPTION -> sv ? "undantag" : "exception";
                case OVERRIDE -> sv ? "manuellt" : "set by hand";
            };
        }
        String hours = why.hours().stream().map(TimeRange::toString).collect(Collectors.joining(", "));
        String note = why.note() == null ? "" : " (" + why.note() + ")";
        return switch (why.kind()) {
            case REGULAR_HOURS -> sv ? "enligt öppettider" : "opening hours";
            case OUTSIDE_HOURS -> sv ? "utanför öppettider" : "outside opening hours";
            case HOLIDAY -> (sv ? "helgdag: " : "public holiday: ") + why.holiday();
            case EXCEPTION_CLOSED -> (sv ? "undantag: stängt hela dagen" : "exception: closed all day") + note;
            case EXCEPTION_HOURS -> (sv ? "undantag: särskilda öppettider " : "exception: special hours ") + hours + note;
            case OVERRIDE -> (sv ? "manuellt" : "set by hand") + (why.setBy() == null ? "" : (sv ? " av " : " by ") + why.setBy())
                    + note;
        };
    }

    private Text exceptionAdded(ExceptionDay day) {
        String by = (sv ? "undantag tillagt av " : "exception added by ") + who() + (day.note() == null ? "" : ": " + day.note());
        String subject = line + ": " + (sv ? "undantag " : "exception ") + dates(day);
        if (day.isClosed()) {
            return new Text(subject, sv
                    ? line + " är stängt " + dates(day) + " och vidarekopplas till er hela dagen (" + by + ")."
                    : line + " is closed " + dates(day) + " and forwarded to you all day (" + by + ").");
        }
        String hours = day.hours().stream().map(TimeRange::toString).collect(Collectors.joining(", "));
        return new Text(subject, sv
                ? line + " har särskilda öppettider " + dates(day) + ": " + hours + "; övrig tid vidarekopplas till er (" + by + ")."
                : line + " has special hours " + dates(day) + ": " + hours + "; the rest of the day is forwarded to you (" + by + ").");
    }

    private Text pbxDown() {
        long minutes = minutes(notice.since(), notice.at());
        String since = when(notice.since());
        return new Text(line + ": " + (sv ? "ingen kontakt med telefonväxeln" : "no link to the phone system"), sv
                ? "Afterhours har inte kontakt med telefonväxeln för " + line + " sedan " + since + " (" + minutes
                        + " min). Omkopplingar väntar tills kontakten är tillbaka; samtalen styrs av växelns reserv."
                : "Afterhours has had no link to the phone system for " + line + " since " + since + " (" + minutes
                        + " min). Switches wait until it is back; calls follow the phone system's fallback.");
    }

    private Text serviceDown(LineState state) {
        long minutes = minutes(notice.since(), notice.at());
        String since = when(notice.since());
        String until = when(notice.at());
        return new Text(line + ": " + (sv ? "Afterhours var nere " : "Afterhours was down ") + minutes + " min", sv
                ? "Afterhours var inte igång från " + since + " till " + until + " (" + minutes + " min): omkopplingar under"
                        + " den tiden gjordes vid omstarten, samtalen följde växelns senast kända läge. Just nu: "
                        + sentence(state) + "."
                : "Afterhours was not running from " + since + " to " + until + " (" + minutes + " min): switches due in"
                        + " that time were made at the restart, calls followed the phone system's last known state."
                        + " Right now: " + sentence(state) + ".");
    }

    /**
     * "Nobody answered a call to …: 13:05 from 070123xxxx, rang 25 s. The office did not answer, the
     * contractor was busy." Several calls as a list; calls learnt of late say so first. Never the number in
     * the subject (the delivery log shows subjects).
     */
    private Text missed(Notice.Missed missed) {
        List<MissedCallEntry> calls = missed.calls();
        int n = calls.size();
        String first = when(calls.get(0).call().startedAt());
        String last = when(calls.get(n - 1).call().startedAt());
        String span = first.equals(last) ? first : first + "\u2013" + last;
        String subject = line + ": " + (n == 1 ? (sv ? "missat samtal " : "missed call ") + span
                : n + (sv ? " missade samtal " : " missed calls ") + span)
                + (missed.late() ? (sv ? ", upptäckt i efterhand" : ", found afterwards") : "");
        StringBuilder body = new StringBuilder();
        if (missed.late()) {
            body.append(sv ? "Afterhours fick veta om " + (n == 1 ? "detta samtal" : "dessa samtal")
                    + " först nu, från telefonväxelns egen logg: tjänsten eller dess koppling till växeln var nere när det ringde. "
                    : "Afterhours learnt of " + (n == 1 ? "this call" : "these calls") + " only now, from the phone system's"
                    + " own record: the service or its link to the phone system was down when it rang. ");
        }
        if (n == 1) {
            body.append(sv ? "Ingen svarade på ett samtal till " : "Nobody answered a call to ").append(line).append(": ")
                    .append(call(calls.get(0))).append(sv ? " Samtalet väntar på att någon ringer tillbaka"
                            + " (återuppringningslistan i Afterhours)." : " It waits on the call-back list in Afterhours.");
            return new Text(subject, body.toString());
        }
        body.append(sv ? "Ingen svarade på " + n + " samtal till " : "Nobody answered " + n + " calls to ").append(line).append(':');
        for (MissedCallEntry c : calls.subList(0, Math.min(n, MAX_CALLS_LISTED))) {
            body.append("\n- ").append(call(c));
        }
        if (n > MAX_CALLS_LISTED) {
            body.append("\n- ").append(sv ? "… och " + (n - MAX_CALLS_LISTED) + " samtal till."
                    : "… and " + (n - MAX_CALLS_LISTED) + " more calls.");
        }
        body.append(sv ? "\nDe väntar på att någon ringer tillbaka (återuppringningslistan i Afterhours)."
                : "\nThey wait on the call-back list in Afterhours.");
        return new Text(subject, body.toString());
    }

    /** "13:05 from 070123xxxx, rang 25 s. The office did not answer, the contractor was busy." */
    private String call(MissedCallEntry entry) {
        CallRecord c = entry.call();
        String number = number(c.callerNumber(), numbers);
        String from = number == null ? (sv ? "dolt nummer" : "a withheld number")
                : number + (numbers == Recipient.Numbers.FULL && c.callerName() != null ? " (" + c.callerName() + ")" : "");
        long rang = c.ringSeconds() == null ? 0 : Math.round(c.ringSeconds());
        String tries = c.attempts().stream().map(this::attempt).collect(Collectors.joining(", "));
        return when(c.startedAt()) + (sv ? " från " : " from ") + from + (sv ? ", ringde " : ", rang ") + rang + " s. "
                + Character.toUpperCase(tries.charAt(0)) + tries.substring(1) + ".";
    }

    /** "the office did not answer", "vaktbolaget var upptaget". */
    private String attempt(Attempt a) {
        String who = switch (a.target()) {
            case OFFICE -> sv ? "kontoret" : "the office";
            case CONTRACTOR -> sv ? "vaktbolaget" : "the contractor";
            case FAILSAFE -> sv ? "reserven" : "the fail-safe";
            case OTHER -> sv ? "ett annat nummer" : "another number";
        };
        String status = a.status() == null || a.status().isBlank() ? "CANCEL" : a.status();
        String what = switch (status) {
            case "NOANSWER" -> sv ? "svarade inte" : "did not answer";
            case "BUSY" -> sv ? "var upptaget" : "was busy";
            case "CHANUNAVAIL" -> sv ? "gick inte att nå" : "could not be reached";
            case "CONGESTION" -> sv ? "gick inte att nå (överbelastat nät)" : "could not be reached (network congestion)";
            case "CANCEL" -> sv ? "ringde när den som ringde lade på" : "was ringing when the caller hung up";
            default -> (sv ? "svarade inte (" : "did not answer (") + status + ")";
        };
        return who + " " + what;
    }

    /** Whole minutes, rounded: what the reader works out from the two clock times shown. */
    private static long minutes(Instant from, Instant to) {
        return Math.round(Duration.between(from, to).toSeconds() / 60.0);
    }

    private static String dates(ExceptionDay day) {
        return day.first().equals(day.last()) ? day.first().toString() : day.first() + " – " + day.last();
    }

    /** "13:10" today, "torsdag 10:00" within the coming week, else "2026-12-03 10:00". */
    private String when(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        LocalDate today = notice.at().atZone(zone).toLocalDate();
        LocalDate day = local.toLocalDate();
        if (day.equals(today)) {
            return CLOCK.format(local);
        }
        if (day.isAfter(today) && day.isBefore(today.plusDays(7))) {
            return day.getDayOfWeek().getDisplayName(TextStyle.FULL, sv ? SWEDISH : Locale.ENGLISH) + " " + CLOCK.format(local);
        }
        return DATE_TIME.format(local);
    }
}
