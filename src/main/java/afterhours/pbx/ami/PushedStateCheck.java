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
 * The periodic read-back of what was pushed into the PBX: each line's AstDB keys, its state in memory and
 * its lamp compared with what they should be. Pure: the gateway reads the PBX, this says what drifted, the gateway repairs it.
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

    /** The variables (global ones and the lamp) that say a state, by name. */
    static Map<String, String> variablesOf(PushedState state) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(PbxContract.stateVariable(state.lineId()), state.value());
        variables.put(PbxContract.deviceStateVariable(state.lineId()), deviceState(state.mode()));
        return variables;
    }

    static String deviceState(Mode mode) {
        return mode == Mode.OPEN ? PbxContract.DEVICE_OPEN : PbxContract.DEVICE_FORWARDED;
    }

    /** Reads one variable (a global, or a lamp's {@code DEVICE_STATE(...)}) from the PBX. */
    @FunctionalInterface
    interface Variables {
        String of(String name) throws AmiPbxGateway.ActionFailed;
    }

    /**
     * What drifted, per line, in words ({@code mode=OPEN (expected FORWARDED)},
     * {@code DEVICE_STATE(Custom:afterhours-center)=INUSE (expected NOT_INUSE)}); lines as pushed are absent.
     *
     * @param astdb the family's keys as read, {@code LINE/mode} and so on
     */
    static Map<String, List<String>> drift(Collection<PushedState> desired, Map<String, String> astdb, Variables variables)
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
            for (var e : variablesOf(state).entrySet()) {
                String actual = variables.of(e.getKey());
                if (!e.getValue().equals(actual)) {
                    drift.add(e.getKey() + "=" + actual + " (expected " + e.getValue() + ")");
                }
            }
            if (!drift.isEmpty()) {
                out.put(state.lineId(), drift);
            }
        }
        return out;
    }
}
