package afterhours.calllog;

import afterhours.schedule.Mode;
import java.time.Instant;

/**
 * What the route script decided for one call, handed to the call log. Asterisk's {@code agi_uniqueid}
 * is the channel's Uniqueid; AMI events carry it with the call's Linkedid, so the log joins without
 * asking the PBX again.
 *
 * @param lineId null when the request named no known line
 * @param callerNumber null when withheld
 * @param dial the destination set in AH_DIAL; empty when the dialplan's own failsafe must decide
 * @param overflow the destination set in AH_OVERFLOW (rung when the office does not answer)
 */
public record RoutingDecision(Instant at, String uniqueId, String channel, String lineId, String did,
                              String callerNumber, String callerName, Mode mode, String reason, String dial,
                              String overflow) { }
