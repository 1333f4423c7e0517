package afterhours.support;

import afterhours.app.Afterhours;
import afterhours.pbx.LoggingPbxGateway;
import afterhours.users.Passwords;
import afterhours.users.Role;
import afterhours.users.UserStore;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The sample service with its admin endpoint on a free port, on a clock running from {@code now}, and three people
 * who log in with {@link #PASSWORD}: anna (admin), vera (viewer) and rita (reception).
 */
public record ServiceWithUsers(Afterhours app, OffsetClock clock, ApiClient api) implements AutoCloseable {
    public static final String PASSWORD = "correct horse battery staple";

    public static ServiceWithUsers start(Path dir, Instant now) {
        int port = Ports.free();
        OffsetClock clock = OffsetClock.startingAt(now);
        Afterhours app = Afterhours.open(TestConfigs.withHttp(TestConfigs.sample(dir), port), new LoggingPbxGateway(), clock);
        app.start();
        UserStore users = new UserStore(app.database());
        users.put("anna", Role.ADMIN, Passwords.hash(PASSWORD), Instant.now());
        users.put("vera", Role.VIEWER, Passwords.hash(PASSWORD), Instant.now());
        users.put("rita", Role.RECEPTION, Passwords.hash(PASSWORD), Instant.now());
        app.startAdmin();
        return new ServiceWithUsers(app, clock, new ApiClient("http://127.0.0.1:" + port, PASSWORD));
    }

    @Override
    public void close() {
        app.close();
    }
}
