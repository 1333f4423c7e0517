package afterhours.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A new, empty database on the PostgreSQL that scripts/test starts (its URL in AFTERHOURS_TEST_POSTGRES),
 * dropped on close. Without that server the test is skipped, or fails when -Dafterhours.postgres=required.
 */
final class ScratchDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String name;
    final String url;

    ScratchDatabase(String prefix) throws SQLException {
        adminUrl = System.getenv("AFTERHOURS_TEST_POSTGRES");
        if (adminUrl == null && "required".equals(System.getProperty("afterhours.postgres"))) {
            throw new IllegalStateException("AFTERHOURS_TEST_POSTGRES is not set (scripts/test starts a PostgreSQL)");
        }
        Assumptions.assumeTrue(adminUrl != null, "no PostgreSQL for this run; scripts/test starts one");
        name = "afterhours_" + prefix + "_" + Math.abs(ThreadLocalRandom.current().nextLong());
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        url = adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            c.createStatement().execute("DROP DATABASE " + name + " WITH (FORCE)");
        }
    }
}
