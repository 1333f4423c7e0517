package afterhours.calllog;

import java.util.List;

/** One page of calls, newest first, and the cursor for the next page (null when this is the last). */
public record CallPage(List<CallRecord> calls, String next) { }
