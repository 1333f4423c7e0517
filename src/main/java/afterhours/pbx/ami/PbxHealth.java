package afterhours.pbx.ami;

import java.time.Instant;

/**
 * The AMI connection as the status page shows it.
 *
 * @param connected logged in and usable now
 * @param since when {@code connected} last changed
 * @param lastPush when a line's state last reached the PBX; null if never
 * @param lastProblem the latest connection or push problem, without secrets; null if none
 */
public record PbxHealth(boolean connected, Instant since, Instant lastPush, String lastProblem) { }
