package afterhours.cli;

import afterhours.config.AppConfig;
import afterhours.config.Databases;
import afterhours.line.Line;
import afterhours.line.LineRepository;
import afterhours.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Creates or upgrades the database and adds the configured lines it lacks, then exits: what a start does first. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create or upgrade the database and add the configured lines it does not have yet, then exit.")
public final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    AfterhoursCommand top;

    @Override
    public Integer call() {
        AppConfig config = top.config();
        try (Database db = Databases.openSeeded(config, top.clock.instant())) {
            top.out.println("Database " + db.describe() + " is up to date; lines: "
                    + String.join(", ", new LineRepository(db).lines().all().stream().map(Line::id).toList()));
        }
        return AfterhoursCommand.EXIT_OK;
    }
}
