package afterhours.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A database operation failed; the message says which and why. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether trying again later may succeed: the database was busy, locked, full, unreachable or restarting.
     * Otherwise it refused the data itself (a constraint, a value out of range), and retrying changes nothing.
     */
    public boolean isTransient() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLiteException e) {
                return transientSqlite(e.getResultCode().code);
            }
            if (t instanceof SQLException e && e.getSQLState() == null && e.getErrorCode() != 0) {
                return transientSqlite(e.getErrorCode());   // SQLite's batch failures carry only its result code
            }
            if (t instanceof SQLException e && e.getSQLState() != null) {
                // PostgreSQL: connection (08), rollback/deadlock (40), resources (53), operator (57), system (58)
                String c = e.getSQLState().length() >= 2 ? e.getSQLState().substring(0, 2) : "";
                if (c.equals("08") || c.equals("40") || c.equals("53") || c.equals("57") || c.equals("58")) {
                    return true;
                }
                if (c.equals("22") || c.equals("23")) {
                    return false;
                }
            }
        }
        // no answer from the database at all (a broken connection): try again
        return !(getCause() instanceof SQLException);
    }

    private static boolean transientSqlite(int resultCode) {
        return switch (SQLiteErrorCode.getErrorCode(resultCode & 0xff)) {
            case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_PROTOCOL,
                 SQLITE_NOMEM, SQLITE_INTERRUPT, SQLITE_READONLY -> true;
            default -> false;
        };
    }
}
