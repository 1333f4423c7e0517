package afterhours.pbx;

import static org.awaitility.Awaitility.await;

import afterhours.app.Afterhours;
import afterhours.app.CallLogLines;
import afterhours.calllog.CallLog;
import afterhours.calllog.CallRecord;
import afterhours.calllog.CallStore;
import afterhours.config.AppConfig;
import afterhours.config.Databases;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.routing.LiveLines;
import afterhours.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** One run of the service beside a test's Asterisk, as it runs in production: switching, AMI, call log, FastAGI. */
public record ServiceBeside(Afterhours app, CallLog calls, AmiPbxGateway ami) implements AutoCloseable {

    public static ServiceBeside start(AppConfig config) throws Exception {
        return start(config, call -> { });
    }

    /** Starts it and returns once its AMI connection has pushed the lines' state; {@code logged} hears of each call. */
    public static ServiceBeside start(AppConfig config, Consumer<CallRecord> logged) throws Exception {
        Database db = Databases.openSeeded(config, Clock.systemUTC().instant());
        LiveLines lines = new LiveLines();
        CallLog calls = new CallLog(new CallStore(db, Clock.systemUTC(), Afterhours.callerPrivacy(config)), new CallLogLines(lines),
                Clock.systemUTC(), logged);
        AmiPbxGateway ami = new AmiPbxGateway(config.ami(), config.verifyPeriod(), Clock.systemUTC(), calls);
        Afterhours app = Afterhours.of(config, db, lines, ami, Clock.systemUTC());
        app.start();
        ami.start();
        app.startFastAgi(calls);
        await().atMost(Duration.ofSeconds(20)).until(() -> ami.health().lastPush() != null);
        return new ServiceBeside(app, calls, ami);
    }

    @Override
    public void close() {
        app.close();
        ami.close();
        calls.close();
    }
}
