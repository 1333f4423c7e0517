package afterhours.report;

import afterhours.calllog.Attempt;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CsvExport;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A call as the command line prints it: times in the line's zone, caller number masked on request. */
public final class CallView {
    private CallView() {
    }

    public static Map<String, Object> of(CallRecord c, ZoneId zone, int maskDigits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", c.linkedId());
        m.put("line", c.lineId());
        m.put("did", c.did());
        m.put("callerNumber", CsvExport.mask(c.callerNumber(), maskDigits));
        m.put("callerName", c.callerName());
        m.put("startedAt", StateView.iso(c.startedAt(), zone));
        m.put("mode", c.mode());
        m.put("reason", c.reason());
        m.put("decidedBy", c.decidedBy());
        m.put("route", c.route());
        m.put("answeredBy", c.answeredBy());
        m.put("answeredAt", StateView.iso(c.answeredAt(), zone));
        m.put("endedAt", StateView.iso(c.endedAt(), zone));
        m.put("ringSeconds", c.ringSeconds());
        m.put("talkSeconds", c.talkSeconds());
        m.put("hangupCause", c.hangupCause());
        m.put("hangupText", c.hangupText());
        m.put("status", c.status());
        List<Map<String, Object>> attempts = c.attempts().stream().map(a -> attempt(a, zone)).toList();
        m.put("attempts", attempts);
        return m;
    }

    private static Map<String, Object> attempt(Attempt a, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", a.target());
        m.put("dialString", a.dialString());
        m.put("status", a.status());
        m.put("began", StateView.iso(a.began(), zone));
        m.put("ended", StateView.iso(a.ended(), zone));
        return m;
    }
}
