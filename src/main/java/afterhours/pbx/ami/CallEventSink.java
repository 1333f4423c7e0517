package afterhours.pbx.ami;

import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Receives the AMI call events (on the pump's own thread, never the library's) for the call log.
 * {@link #gap} tells it when the AMI connection was down, so calls in that window may be missing.
 */
public interface CallEventSink {
    CallEventSink NONE = new CallEventSink() {
        @Override
        public void onEvent(ManagerEvent event) {
        }

        @Override
        public void gap(java.time.Instant from, java.time.Instant to) {
        }
    };

    void onEvent(ManagerEvent event);

    void gap(java.time.Instant from, java.time.Instant to);
}
