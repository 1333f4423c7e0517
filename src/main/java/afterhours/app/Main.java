package afterhours.app;

import afterhours.cli.AfterhoursCommand;
import java.time.Clock;

/** Entry point: the command line, with the whole service behind {@code serve} (the default). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(AfterhoursCommand.run(args, System.getenv(), Clock.systemUTC(), System.in, System.out, System.err,
                Afterhours::serve));
    }
}
