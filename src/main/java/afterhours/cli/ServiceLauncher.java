package afterhours.cli;

import afterhours.config.AppConfig;
import java.io.IOException;
import java.time.Clock;

/** Starts the whole service; the composition root supplies it, so the command line needs none of its parts. */
@FunctionalInterface
public interface ServiceLauncher {

    RunningService start(AppConfig config, Clock clock) throws IOException;
}
