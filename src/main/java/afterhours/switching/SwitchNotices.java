package afterhours.switching;

import afterhours.line.LineSetup;
import java.sql.Connection;
import java.sql.SQLException;

/** Told of a switch inside the transaction that records it, so whatever it writes commits with the switch. */
@FunctionalInterface
public interface SwitchNotices {
    SwitchNotices NONE = (c, setup, recorded) -> { };

    /** Called once per switch, only by the instance that stored it; must only write through {@code c}. */
    void recorded(Connection c, LineSetup setup, Switch recorded) throws SQLException;
}
