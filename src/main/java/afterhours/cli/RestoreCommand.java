package afterhours.cli;

import afterhours.config.AppConfig;
import afterhours.config.Databases;
import afterhours.store.Backup;
import afterhours.store.Database;
import afterhours.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Puts a checked backup in place of the database; the service must be stopped. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Replace the database with a backup, after checking it (stop the service first).")
public final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    AfterhoursCommand top;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup to restore.")
    Path backup;

    @Override
    public Integer call() {
        Path database = top.config().database();
        try {
            int version = Backup.check(backup);
            Backup.restore(backup, database);
            top.out.println("Restored " + backup + " (schema version " + version + ") to " + database
                    + "; the replaced file is kept as " + database.getFileName() + ".before-restore");
            // the backup lacks the erasures made after it: they are applied again from the list beside the key
            AppConfig config = top.config();
            try (Database db = Databases.open(config)) {
                int again = SubjectCommand.subjects(config, db).reapply(top.clock.instant());
                if (again > 0) {
                    top.out.println("Erasures made after the backup applied again: " + again + " number(s)");
                }
            }
        } catch (StoreException e) {
            throw new UsageError(e.getMessage());
        }
        return AfterhoursCommand.EXIT_OK;
    }
}
