package afterhours.config;

import afterhours.audit.AuditLog;
import afterhours.line.LineRepository;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.TimeRange;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import afterhours.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the configured lines into an empty database. The file only seeds: a line already in the database
 * is left alone, because after the first start the database (edited through the admin API) is the truth.
 */
public final class ConfigSeeder {
    private static final Logger log = LoggerFactory.getLogger(ConfigSeeder.class);
    public static final String ACTOR = "config";

    private ConfigSeeder() {
    }

    /** What the audit keeps of a seeded line: its settings, every day's hours and the exceptions, in full. */
    static Map<String, Object> seeded(AppConfig.LineConfig lc) {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d.name().toLowerCase(Locale.ROOT), lc.weekly().on(d).stream().map(TimeRange::toString).toList());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("line", lc.line());
        out.put("hours", hours);
        out.put("exceptions", lc.exceptions());
        return out;
    }

    /** Returns the ids of the lines it added. */
    public static List<String> seed(Database db, LineRepository repository, AuditLog audit, AppConfig config,
                                    Instant now) {
        List<String> added = new ArrayList<>();
        for (AppConfig.LineConfig lc : config.lines()) {
            String id = lc.line().id();
            boolean inserted = db.write("seeding line " + id, c -> {
                if (repository.lines().findIn(c, id).isPresent()) {
                    return false;
                }
                repository.lines().insert(c, lc.line(), now);
                repository.hours().replaceWeekly(c, id, lc.weekly());
                for (ExceptionDay e : lc.exceptions()) {
                    repository.hours().addException(c, id, e);
                }
                audit.record(c, now, ACTOR, "line-seeded", id, null, seeded(lc));
                return true;
            });
            if (inserted) {
                added.add(id);
                log.info("Line {} ({}) added from the configuration file", id, lc.line().name());
            } else {
                log.debug("Line {} is already in the database; its configuration entry only seeds", id);
            }
        }
        return added;
    }
}
