package afterhours.app;

import afterhours.cli.AfterhoursCommand;

/** Entry point: {@code serve} (default), {@code simulate}, {@code status}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(AfterhoursCommand.run(args, System.getenv(), java.time.Clock.systemUTC(), System.out, System.err));
    }
}
