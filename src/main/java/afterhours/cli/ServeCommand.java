package afterhours.cli;

import afterhours.config.AppConfig;
import afterhours.report.StateView;
import afterhours.routing.LiveLine;
import afterhours.schedule.LineState;
import afterhours.switching.Switchboard;
import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Runs the service until SIGTERM (or Ctrl-C), then shuts down cleanly. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the service (the default).")
public final class ServeCommand implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    AfterhoursCommand top;

    public ServeCommand() {
    }

    ServeCommand(AfterhoursCommand top) {
        this.top = top;
    }

    @Override
    public void run() {
        AppConfig config = top.config();
        RunningService app;
        try {
            app = top.launcher.start(config, top.clock);
        } catch (BindException e) {
            // a port taken (a second instance started by mistake, another program): as a bad configuration
            throw new UsageError("cannot start: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: answering calls in flight, then closing");
            app.close();
            log.info("Stopped");
            stopped.countDown();
        }, "shutdown"));

        top.out.println("Afterhours is running (stop with Ctrl-C or SIGTERM).");
        top.out.println("  database:   " + (config.databaseUrl() == null
                ? config.database().toAbsolutePath().normalize()
                // without user, password or other parameters: a banner is not the place for secrets
                : config.databaseUrl().replaceFirst("\\?.*$", "").replaceFirst("//[^/@]*@", "//")));
        top.out.println("  admin page: " + app.adminUrl().orElse("not started (see the log)"));
        app.firstLoginLink().ifPresent(link -> {
            top.out.println("  first login: no admin yet. Open this link within the hour to choose the first admin's"
                    + " name and password (it works once):");
            top.out.println("    " + link);
            top.out.println("    or create a user: afterhours user add NAME --role admin");
        });
        top.out.println("  FastAGI:    agi://" + config.fastAgi().bind() + ":" + config.fastAgi().port()
                + "/route?line=LINE");
        top.out.println("  AMI:        " + (config.ami().enabled()
                ? config.ami().username() + "@" + config.ami().host() + ":" + config.ami().port()
                + " (connecting in the background)"
                : "disabled (pbx.ami.enabled: false); line states are only logged"));
        Switchboard board = app.switchboard();
        for (LiveLine live : board.lines()) {
            LineState state = board.stateNow(live.line().id());
            StateView view = StateView.of(live.line(), state);
            String line = "  line " + view.line() + ": " + view.mode() + " (" + view.reason() + ")"
                    + (view.nextChange() == null ? ", no change scheduled" : ", next change " + view.nextChange()
                    + " -> " + view.nextMode());
            top.out.println(line);
            log.info("Line {}: {} ({}), next change {}", view.line(), view.mode(), view.reason(), view.nextChange());
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
