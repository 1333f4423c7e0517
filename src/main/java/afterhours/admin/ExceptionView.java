package afterhours.admin;

import afterhours.line.HoursStore.StoredException;
import afterhours.schedule.TimeRange;
import java.util.LinkedHashMap;
import java.util.Map;

/** An exception day as the API shows it. */
final class ExceptionView {
    private ExceptionView() {
    }

    static Map<String, Object> of(StoredException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e.id() > 0) {
            m.put("id", e.id());
        }
        m.put("from", e.day().first().toString());
        m.put("to", e.day().last().toString());
        m.put("closed", e.day().isClosed());
        m.put("hours", e.day().hours().stream().map(TimeRange::toString).toList());
        m.put("note", e.day().note());
        return m;
    }
}
