package afterhours.subject;

import afterhours.calllog.CallerNumber;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * A part of the service that holds callers' numbers or names outside the call log (the outbox of notices): it
 * shows and erases what it holds of one caller, in the caller's transaction. The composition root hands them to
 * {@link Subjects}, so the call log's side needs to know none of them.
 */
public interface PersonalData {
    /** What it holds of the caller: their number in any stored form, or one of {@code names} (names that came with it). */
    List<HeldRecord> find(Connection c, CallerNumber number, Set<String> names) throws SQLException;

    /** Takes the number and the names out; returns how many records changed. */
    int erase(Connection c, CallerNumber number, Set<String> names) throws SQLException;
}
