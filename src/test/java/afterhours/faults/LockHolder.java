package afterhours.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Another process that holds an exclusive lock on a SQLite file for a while: {@code LockHolder FILE MILLIS}. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            st.execute("BEGIN EXCLUSIVE");
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
            st.execute("COMMIT");
        }
        System.out.println("released");
    }
}
