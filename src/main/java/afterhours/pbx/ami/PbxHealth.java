package afterhours.pbx.ami;

import java.time.Instant;
import java.util.List;

/**
 * The AMI connection as the status page shows it.
 *
 * @param connected logged in and usable now
 * @param since when {@code connected} last changed
 * @param lastPush when a line's state last reached the PBX; null if never
 * @param lastProblem the latest connection or push problem, without secrets; null if none
 * @param missing what the PBX lacks of what the service relies on (modules, dialplan, manager rights,
 *                timestamped events), one sentence each; empty when nothing is missing
 * @param checked when the PBX was last checked for it (at each login); null before the first check
 */
public record PbxHealth(boolean connected, Instant since, Instant lastPush, String lastProblem, List<String> missing,
                        Instant checked) {

    public PbxHealth {
        missing = List.copyOf(missing);
    }

    PbxHealth connected(boolean now, Instant at, String problem) {
        return new PbxHealth(now, at, lastPush, problem, missing, checked);
    }

    PbxHealth pushed(Instant at) {
        return new PbxHealth(connected, since, at, null, missing, checked);
    }

    PbxHealth problem(boolean now, String problem) {
        return new PbxHealth(now, since, lastPush, problem, missing, checked);
    }

    PbxHealth missing(List<String> found) {
        return new PbxHealth(connected, since, lastPush, lastProblem, found, checked);
    }

    PbxHealth checked(List<String> found, Instant at) {
        return new PbxHealth(connected, since, lastPush, lastProblem, found, at);
    }
}
