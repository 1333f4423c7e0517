package afterhours.cli;

import afterhours.switching.Switchboard;

/** The service as {@code serve} sees it while it runs: what to print in the banner, and how to stop it. */
public interface RunningService extends AutoCloseable {

    /** Whether the admin endpoint listens (it waits for the first user). */
    boolean adminStarted();

    /** The lines as served, with their states now. */
    Switchboard switchboard();

    /** Stops taking calls (answering those in flight), then switching, then the PBX connection. */
    @Override
    void close();
}
