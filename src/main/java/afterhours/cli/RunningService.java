package afterhours.cli;

import afterhours.switching.Switchboard;
import java.util.Optional;

/** The service as {@code serve} sees it while it runs: what to print in the banner, and how to stop it. */
public interface RunningService extends AutoCloseable {

    /** Where the admin page is, when the endpoint listens. */
    Optional<String> adminUrl();

    /** While no user exists: the one-time link to choose the first admin (for the console only, never a log). */
    Optional<String> firstLoginLink();

    /** The lines as served, with their states now. */
    Switchboard switchboard();

    /** Stops taking calls (answering those in flight), then switching, then the PBX connection. */
    @Override
    void close();
}
