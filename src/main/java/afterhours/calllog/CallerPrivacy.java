package afterhours.calllog;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What becomes of a caller's number and name as a call is written, wherever it comes from (the AMI events, the
 * FastAGI decision, the PBX's spool, the quarantine): taken out when the number is on the erased list (the call
 * was in flight or waited in the spool when its erasure was asked for), masked when the call is older than
 * {@code calllog.numbersKeptDays} (a record that arrives late is kept no longer than the others).
 *
 * @param erased the erased numbers; null: the list is not checked (tools and tests that write calls as given)
 * @param numbersKept how long a number is kept in full; null: as long as the call
 */
public record CallerPrivacy(ErasedNumbers erased, Duration numbersKept) {
    /** Calls written as given: no erased list, no masking (the benchmarks' and other parts' tests). */
    public static final CallerPrivacy AS_GIVEN = new CallerPrivacy(null, null);

    /** The call without its caller's number and name. */
    public static CallRecord withoutCaller(CallRecord r) {
        return withCaller(r, null, null);
    }

    /** The call with its caller's number masked as the exports mask it and without the name. */
    public static CallRecord masked(CallRecord r) {
        return withCaller(r, CsvExport.mask(r.callerNumber(), CallerNumber.MASKED_DIGITS), null);
    }

    private static CallRecord withCaller(CallRecord r, String number, String name) {
        return new CallRecord(r.linkedId(), r.lineId(), r.did(), number, name, r.startedAt(), r.mode(), r.reason(),
                r.decidedBy(), r.route(), r.attempts(), r.answeredBy(), r.answeredAt(), r.endedAt(), r.ringSeconds(),
                r.talkSeconds(), r.hangupCause(), r.hangupText(), r.status());
    }

    /** The records as they may be stored at {@code now}, in the same order, checked in the writing transaction. */
    List<CallRecord> apply(Connection c, List<CallRecord> records, Instant now) throws SQLException {
        if (erased == null && numbersKept == null) {
            return records;
        }
        Map<String, String> hashes = new HashMap<>();   // stored number -> hash
        if (erased != null && erased.hasKey()) {
            for (CallRecord r : records) {
                if (r.callerNumber() != null && !hashes.containsKey(r.callerNumber())) {
                    hashes.put(r.callerNumber(), erased.hashOfStored(r.callerNumber()));
                }
            }
            hashes.values().removeIf(h -> h == null);
        }
        Set<String> listed = hashes.isEmpty() ? new java.util.HashSet<>() : ErasedNumbers.listed(c, hashes.values());
        Instant keptFrom = numbersKept == null ? null : now.minus(numbersKept);
        List<CallRecord> out = new ArrayList<>(records.size());
        for (CallRecord r : records) {
            if (r.callerNumber() == null && r.callerName() == null) {
                out.add(r);
            } else if (r.callerNumber() != null && listed.contains(hashes.get(r.callerNumber()))) {
                out.add(withoutCaller(r));
            } else if (keptFrom != null && r.startedAt().isBefore(keptFrom)) {
                out.add(masked(r));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
