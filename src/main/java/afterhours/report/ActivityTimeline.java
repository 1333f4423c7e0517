package afterhours.report;

import afterhours.audit.AuditLog;
import afterhours.calllog.AmiGap;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallStore;
import afterhours.calllog.Words;
import afterhours.switching.Switch;
import afterhours.switching.SwitchStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One line's history in one list: calls, mode switches, admin changes and AMI gaps, oldest first. */
public final class ActivityTimeline {
    /** One happening: {@code kind} is call, switch, change or gap. */
    public record Entry(Instant at, String kind, String summary) { }

    private ActivityTimeline() {
    }

    public static List<Entry> of(CallFilter filter, CallStore calls, SwitchStore switches, AuditLog audit) {
        List<Entry> out = new ArrayList<>();
        calls.stream(filter, c -> out.add(new Entry(c.startedAt(), "call", c.mode() + " " + word(c.route())
                + ", answered by " + word(c.answeredBy()) + (c.decidedBy() == null ? "" : ", decided by "
                + word(c.decidedBy())) + " [" + c.linkedId() + "]")));
        for (Switch s : switches.between(filter.from(), filter.to())) {
            if (s.lineId().equals(filter.lineId())) {
                out.add(new Entry(s.effectiveAt(), "switch", (s.from() == null ? "start" : s.from().name()) + " -> "
                        + s.to() + " (" + s.reason() + (s.detail() == null ? "" : ": " + s.detail()) + "), " + s.trigger()));
            }
        }
        for (AuditLog.Entry a : audit.between(filter.lineId(), filter.from(), filter.to())) {
            out.add(new Entry(a.at(), "change", a.action() + " by " + a.actor()));
        }
        for (AmiGap gap : calls.gaps(filter.from(), filter.to())) {
            out.add(new Entry(gap.from(), "gap", gap.stillDown()
                    ? "AMI connection down since then, still down: calls come from the PBX's spool once it is back"
                    : "AMI connection down until " + gap.to() + ": those calls come from the PBX's spool"));
        }
        out.sort(Comparator.comparing(Entry::at));
        return out;
    }

    private static String word(Words w) {
        return w == null ? "null" : w.key();
    }
}
