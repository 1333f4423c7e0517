package afterhours.subject;

import java.util.Map;
import java.util.Optional;

/**
 * The PBX's spool of call records ({@code afterhours-spool} in AstDB, written by the dialplan when a routed call
 * hangs up, collected into the call log), as the PBX edge reaches it through AMI.
 */
public interface PbxSpool {
    /** A spool the service cannot reach: the command line, or a service without AMI. */
    PbxSpool NOT_CONNECTED = new PbxSpool() {
        @Override
        public Optional<Map<String, String>> records() {
            return Optional.empty();
        }

        @Override
        public void put(String key, String value) {
            throw new IllegalStateException("the PBX is not connected");
        }
    };

    /** The records waiting now (key to value); empty when the PBX cannot be reached now. */
    Optional<Map<String, String>> records();

    /** Replaces a record's value; throws when the PBX did not take it. */
    void put(String key, String value);
}
