package afterhours.calllog;

import afterhours.schedule.Mode;
import java.util.List;

/** Calls for tests in other packages. */
public final class CallQueryTestData {
    private CallQueryTestData() {
    }

    /** A finished call with one attempt, for tests elsewhere. */
    public static CallRecord call(String id, String line, String startedAt, Mode mode, String route, String answeredBy,
                                  String caller, String name, Double ring) {
        return CallQueryTest.call(id, line, startedAt, mode, route, answeredBy, caller, name, ring);
    }

    public static void twoCallsOn25November(CallStore store) {
        store.write(List.of(
                CallQueryTest.call("7.1", "trygghetscenter", "2026-11-25T09:30:00Z", Mode.OPEN, "office", "office",
                        "0701112222", "A", 5.0),
                CallQueryTest.call("7.2", "trygghetscenter", "2026-11-25T15:30:00Z", Mode.FORWARDED, "contractor",
                        "contractor", "0702223333", "B", 8.0)));
    }
}
