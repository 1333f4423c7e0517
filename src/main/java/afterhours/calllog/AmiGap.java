package afterhours.calllog;

import java.time.Instant;

/**
 * A time the service was not connected to the PBX's AMI (from its start until the first login, or
 * between a loss and the reconnect): calls in it were not seen live, so their rows come from the spool.
 *
 * @param to null while the connection is still down
 */
public record AmiGap(Instant from, Instant to) {

    public boolean stillDown() {
        return to == null;
    }
}
