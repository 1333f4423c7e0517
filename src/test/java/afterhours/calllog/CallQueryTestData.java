package afterhours.calllog;

import afterhours.schedule.Mode;
import java.util.List;

/** Calls for tests in other packages. */
public final class CallQueryTestData {
    private CallQueryTestData() {
    }

    public static void twoCallsOn25November(CallStore store) {
        store.write(List.of(
                CallQueryTest.call("7.1", "trygghetscenter", "2026-11-25T09:30:00Z", Mode.OPEN, "office", "office",
                        "0701112222", "A", 5.0),
                CallQueryTest.call("7.2", "trygghetscenter", "2026-11-25T15:30:00Z", Mode.FORWARDED, "contractor",
                        "contractor", "0702223333", "B", 8.0)));
    }
}
