package afterhours.line;

import afterhours.holidays.HolidayRules;
import afterhours.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Lines and the numbers they answer. */
public final class LineStore {
    private final Database db;

    public LineStore(Database db) {
        this.db = db;
    }

    public List<Line> all() {
        return db.read("listing lines", LineStore::all);
    }

    static List<Line> all(Connection c) throws SQLException {
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM line ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                lines.add(map(c, rs));
            }
        }
        return lines;
    }

    public Optional<Line> find(String id) {
        return db.read("reading line " + id, c -> find(c, id));
    }

    public boolean exists(String id) {
        return find(id).isPresent();
    }

    /** Inserts a line; a number already answered by another line is refused. */
    public void insert(Connection c, Line line, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO line (id, name, zone, office_dial, contractor_dial,"
                + " failsafe_dial, ring_seconds, callerid_prefix, holiday_country, holiday_ignore, holiday_language,"
                + " missed_after_seconds, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            bind(ps, line);
            ps.setLong(13, now.toEpochMilli());
            ps.setLong(14, now.toEpochMilli());
            ps.executeUpdate();
        }
        writeNumbers(c, line);
    }

    /** Replaces a line's settings and numbers. */
    public void update(Connection c, Line line, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE line SET name=?, zone=?, office_dial=?, contractor_dial=?,"
                + " failsafe_dial=?, ring_seconds=?, callerid_prefix=?, holiday_country=?, holiday_ignore=?,"
                + " holiday_language=?, missed_after_seconds=?, updated_at=? WHERE id=?")) {
            bindSettings(ps, line, 1);
            ps.setLong(12, now.toEpochMilli());
            ps.setString(13, line.id());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no line " + line.id());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM line_number WHERE line_id=?")) {
            ps.setString(1, line.id());
            ps.executeUpdate();
        }
        writeNumbers(c, line);
    }

    public Optional<Line> findIn(Connection c, String id) throws SQLException {
        return find(c, id);
    }

    static Optional<Line> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM line WHERE id=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(c, rs)) : Optional.empty();
            }
        }
    }

    private static void writeNumbers(Connection c, Line line) throws SQLException {
        try (PreparedStatement owner = c.prepareStatement("SELECT line_id FROM line_number WHERE number=?");
             PreparedStatement ps = c.prepareStatement("INSERT INTO line_number (number, line_id, position) VALUES (?,?,?)")) {
            for (int i = 0; i < line.numbers().size(); i++) {
                String number = line.numbers().get(i);
                owner.setString(1, number);
                try (ResultSet rs = owner.executeQuery()) {
                    if (rs.next()) {
                        throw new SQLException("number " + number + " already belongs to line " + rs.getString(1));
                    }
                }
                ps.setString(1, number);
                ps.setString(2, line.id());
                ps.setInt(3, i);
                ps.executeUpdate();
            }
        }
    }

    private static void bind(PreparedStatement ps, Line line) throws SQLException {
        ps.setString(1, line.id());
        bindSettings(ps, line, 2);
    }

    private static void bindSettings(PreparedStatement ps, Line line, int first) throws SQLException {
        int i = first;
        ps.setString(i++, line.name());
        ps.setString(i++, line.zone().getId());
        ps.setString(i++, line.officeDial());
        ps.setString(i++, line.contractorDial());
        ps.setString(i++, line.failsafeDial());
        ps.setInt(i++, line.ringSeconds());
        ps.setString(i++, line.callerIdPrefix());
        ps.setString(i++, line.holidays().country());
        ps.setString(i++, String.join(",", line.holidays().ignore().stream().sorted().toList()));
        ps.setString(i++, line.holidays().language());
        ps.setInt(i, line.missedAfterSeconds());
    }

    private static Line map(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        List<String> numbers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT number FROM line_number WHERE line_id=? ORDER BY position")) {
            ps.setString(1, id);
            try (ResultSet n = ps.executeQuery()) {
                while (n.next()) {
                    numbers.add(n.getString(1));
                }
            }
        }
        String ignore = rs.getString("holiday_ignore");
        return new Line(id, rs.getString("name"), numbers, ZoneId.of(rs.getString("zone")),
                rs.getString("office_dial"), rs.getString("contractor_dial"), rs.getString("failsafe_dial"),
                rs.getInt("ring_seconds"), rs.getString("callerid_prefix"),
                new HolidayRules(rs.getString("holiday_country"),
                        ignore.isEmpty() ? null : new LinkedHashSet<>(Arrays.asList(ignore.split(","))),
                        rs.getString("holiday_language")), rs.getInt("missed_after_seconds"));
    }
}
