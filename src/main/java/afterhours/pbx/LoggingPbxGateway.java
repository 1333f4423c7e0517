package afterhours.pbx;

import afterhours.switching.PbxGateway;
import afterhours.switching.PushedState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PBX gateway that only logs what it would push, for running without Asterisk. It keeps the last
 * state pushed per line so the status command and tests can see it.
 */
public final class LoggingPbxGateway implements PbxGateway {
    private static final Logger log = LoggerFactory.getLogger(LoggingPbxGateway.class);
    private final Map<String, PushedState> last = new ConcurrentHashMap<>();

    @Override
    public void push(PushedState state) {
        last.put(state.lineId(), state);
        log.info("PBX (no Asterisk attached): line {} -> {} ({}), dial {}; from {} {} ({}), dial {}; valid until {},"
                + " failsafe {}", state.lineId(), state.mode(), state.now().reason(), state.dial(), state.nextStart(),
                state.next().mode(), state.next().reason(), state.next().dial(), state.until(), state.failsafe());
    }

    public Optional<PushedState> lastPushed(String lineId) {
        return Optional.ofNullable(last.get(lineId));
    }
}
