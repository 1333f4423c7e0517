package afterhours.line;

import afterhours.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads whole line setups consistently (one transaction) from the line, hours and override tables. */
public final class LineRepository {
    private final Database db;
    private final LineStore lines;
    private final HoursStore hours;
    private final OverrideStore overrides;

    public LineRepository(Database db) {
        this.db = db;
        this.lines = new LineStore(db);
        this.hours = new HoursStore(db);
        this.overrides = new OverrideStore(db);
    }

    public LineStore lines() {
        return lines;
    }

    public HoursStore hours() {
        return hours;
    }

    public OverrideStore overrides() {
        return overrides;
    }

    public List<LineSetup> loadAll() {
        return db.read("loading all lines", c -> {
            List<LineSetup> setups = new ArrayList<>();
            for (Line line : LineStore.all(c)) {
                setups.add(load(c, line));
            }
            return setups;
        });
    }

    public Optional<LineSetup> load(String lineId) {
        return db.read("loading line " + lineId, c -> {
            Optional<Line> line = LineStore.find(c, lineId);
            return line.isEmpty() ? Optional.<LineSetup>empty() : Optional.of(load(c, line.get()));
        });
    }

    private static LineSetup load(Connection c, Line line) throws SQLException {
        return new LineSetup(line, HoursStore.weekly(c, line.id()), HoursStore.exceptions(c, line.id()),
                OverrideStore.find(c, line.id()).orElse(null));
    }
}
