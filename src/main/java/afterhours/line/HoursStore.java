package afterhours.line;

import afterhours.schedule.ExceptionDay;
import afterhours.schedule.TimeRange;
import afterhours.schedule.WeeklyHours;
import afterhours.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A line's weekly hours and exception days. */
public final class HoursStore {
    /** An exception day as stored, with the id the admin API removes it by. */
    public record StoredException(long id, ExceptionDay day) { }

    private final Database db;

    public HoursStore(Database db) {
        this.db = db;
    }

    public WeeklyHours weekly(String lineId) {
        return db.read("reading weekly hours of " + lineId, c -> weekly(c, lineId));
    }

    public List<StoredException> exceptions(String lineId) {
        return db.read("reading exceptions of " + lineId, c -> exceptions(c, lineId));
    }

    static WeeklyHours weekly(Connection c, String lineId) throws SQLException {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT weekday, start_minute, end_minute FROM weekly_range WHERE line_id=? ORDER BY weekday, start_minute")) {
            ps.setString(1, lineId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.computeIfAbsent(DayOfWeek.of(rs.getInt(1)), d -> new ArrayList<>())
                            .add(new TimeRange(rs.getInt(2), rs.getInt(3)));
                }
            }
        }
        return WeeklyHours.of(days);
    }

    static List<StoredException> exceptions(Connection c, String lineId) throws SQLException {
        List<StoredException> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, first_date, last_date, hours, note FROM exception_day WHERE line_id=? ORDER BY first_date")) {
            ps.setString(1, lineId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String hours = rs.getString(4);
                    List<TimeRange> ranges = hours.isEmpty() ? List.of()
                            : Arrays.stream(hours.split(",")).map(TimeRange::parse).toList();
                    out.add(new StoredException(rs.getLong(1), new ExceptionDay(LocalDate.parse(rs.getString(2)),
                            LocalDate.parse(rs.getString(3)), ranges, rs.getString(5))));
                }
            }
        }
        return out;
    }

    /** Replaces the whole week in the caller's transaction. */
    public void replaceWeekly(Connection c, String lineId, WeeklyHours weekly) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM weekly_range WHERE line_id=?")) {
            del.setString(1, lineId);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO weekly_range (line_id, weekday, start_minute, end_minute) VALUES (?,?,?,?)")) {
            for (var e : weekly.asMap().entrySet()) {
                for (TimeRange r : e.getValue()) {
                    ps.setString(1, lineId);
                    ps.setInt(2, e.getKey().getValue());
                    ps.setInt(3, r.startMinute());
                    ps.setInt(4, r.endMinute());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** Adds an exception day in the caller's transaction and returns its id. */
    public long addException(Connection c, String lineId, ExceptionDay day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO exception_day (line_id, first_date, last_date, hours, note) VALUES (?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, lineId);
            ps.setString(2, day.first().toString());
            ps.setString(3, day.last().toString());
            ps.setString(4, day.hours().stream().map(TimeRange::toString).collect(Collectors.joining(",")));
            ps.setString(5, day.note());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Removes an exception day; false when the line has no such exception. */
    public boolean removeException(Connection c, String lineId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM exception_day WHERE line_id=? AND id=?")) {
            ps.setString(1, lineId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }
}
