package afterhours.calllog;

import java.time.Instant;
import java.util.List;

/**
 * Receives the PBX's call events, already translated into the call log's own terms, on one thread at a
 * time (never the PBX library's). {@link #gap} says the PBX connection was down, so calls in that window
 * may be missing.
 */
public interface CallEventSink {
    CallEventSink NONE = new CallEventSink() {
        @Override
        public void accept(CallEvent event) {
        }

        @Override
        public void gap(Instant from, Instant to) {
        }

        @Override
        public void down(Instant since) {
        }

        @Override
        public void storeSpooled(List<SpoolRecord> calls) {
            throw new UnsupportedOperationException("no call log to store spooled calls in");
        }
    };

    void accept(CallEvent event);

    void gap(Instant from, Instant to);

    /** The PBX connection is down from {@code since} on (or not up yet since the start), until {@link #gap}. */
    void down(Instant since);

    /**
     * Stores calls the dialplan recorded itself (the spool), durably: when this returns they are committed,
     * so the PBX may forget them. Throws when they could not be stored.
     */
    void storeSpooled(List<SpoolRecord> calls);
}
