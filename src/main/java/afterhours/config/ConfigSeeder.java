package afterhours.config;

import afterhours.audit.AuditLog;
import afterhours.line.LineRepository;
import afterhours.schedule.ExceptionDay;
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
                audit.record(c, now, ACTOR, "line-seeded", id, null, lc);
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
