package afterhours.pbx.ami;

import afterhours.routing.PbxContract;
import afterhours.schedule.Mode;
import afterhours.switching.PushedState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The periodic read-back of what was pushed into the PBX: each line's AstDB keys and lamp compared with
 * what they should be. Pure: the gateway reads the PBX, this says what drifted, the gateway repairs it.
 */
final class PushedStateCheck {
    private PushedStateCheck() {
    }

    /** The AstDB keys (under {@code afterhours/LINE/}) that say a state. */
    static Map<String, String> keysOf(PushedState state) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(PbxContract.KEY_STATE, state.value());
        keys.put(PbxContract.KEY_MODE, state.mode().name());
        return keys;
    }

    static String deviceState(Mode mode) {
        return mode == Mode.OPEN ? PbxContract.DEVICE_OPEN : PbxContract.DEVICE_FORWARDED;
    }

    /** Reads one line's lamp from the PBX. */
    @FunctionalInterface
    interface Lamps {
        String of(String lineId) throws AmiPbxGateway.ActionFailed;
    }

    /**
     * What drifted, per line, in words ({@code mode=OPEN (expected FORWARDED)}); lines that are
     * as pushed are absent.
     *
     * @param astdb the family's keys as read, {@code LINE/mode} and so on
     */
    static Map<String, List<String>> drift(Collection<PushedState> desired, Map<String, String> astdb, Lamps lamps)
            throws AmiPbxGateway.ActionFailed {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (PushedState state : desired) {
            List<String> drift = new ArrayList<>();
            for (var e : keysOf(state).entrySet()) {
                String actual = astdb.get(PbxContract.key(state.lineId(), e.getKey()));
                if (!e.getValue().equals(actual)) {
                    drift.add(e.getKey() + "=" + actual + " (expected " + e.getValue() + ")");
                }
            }
            String lamp = lamps.of(state.lineId());
            if (!deviceState(state.mode()).equals(lamp)) {
                drift.add("device state=" + lamp + " (expected " + deviceState(state.mode()) + ")");
            }
            if (!drift.isEmpty()) {
                out.put(state.lineId(), drift);
            }
        }
        return out;
    }
}
