package afterhours.calllog;

import java.time.Instant;

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
    };

    void accept(CallEvent event);

    void gap(Instant from, Instant to);
}
