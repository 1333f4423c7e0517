package afterhours.notify;

import afterhours.app.Afterhours;
import afterhours.config.AppConfig;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.support.ApiClient;
import afterhours.support.Ports;
import afterhours.support.TestConfigs;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The sample line served with its admin endpoint and notifications on a free port, and the admin anna to
 * ask it over HTTP: the notification tests' service. Started again on the same folder, it is a restart.
 */
final class NotifyingService {
    static final String PASSWORD = "correct horse battery staple";

    private ApiClient api;

    /** Starts the service on the database in {@code dir}; {@code smtp} null: webhooks only. */
    Afterhours start(Path dir, AppConfig.Smtp smtp, Clock clock, RetryPolicy retry) {
        return start(dir, smtp, clock, retry, List.of());
    }

    /** ... with webhooks allowed only to {@code webhookHosts} (empty: any host). */
    Afterhours start(Path dir, AppConfig.Smtp smtp, Clock clock, RetryPolicy retry, List<String> webhookHosts) {
        AppConfig s = TestConfigs.sample(dir);
        AppConfig config = new AppConfig(s.database(), new AppConfig.Http("127.0.0.1", Ports.free()), s.ami(), s.fastAgi(),
                s.stateGrace(), s.verifyPeriod(), s.watchdogPeriod(), s.lines(), s.callRetention(), s.databaseUrl(), smtp,
                new AppConfig.Webhooks(webhookHosts, null));
        Afterhours app = Afterhours.open(config, new LoggingPbxGateway(), clock);
        app.start();
        if (new UserStore(app.database()).count() == 0) {
            new UserStore(app.database()).put("anna", Role.ADMIN, Passwords.hash(PASSWORD), Instant.now());
        }
        app.startAdmin();
        app.startNotifications(retry);
        api = new ApiClient("http://127.0.0.1:" + config.http().port(), PASSWORD);
        return app;
    }

    /** A request as anna, with a JSON body when one is given. */
    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, "anna");
    }

    /** A request as {@code user} (whose password is {@link #PASSWORD}). */
    HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
        return api.send(method, path, user, body);
    }
}
