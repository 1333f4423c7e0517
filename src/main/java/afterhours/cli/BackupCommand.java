package afterhours.cli;

import afterhours.store.Backup;
import afterhours.store.Database;
import afterhours.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** A consistent copy of the live database, taken while the service runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the database consistently (the service may keep running).")
public final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    AfterhoursCommand top;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The new backup file.")
    Path target;

    @Override
    public Integer call() {
        Path database = top.config().database();
        try {
            try (Database db = Database.openReadOnly(database)) {
                Backup.to(db, target);
            }
        } catch (StoreException e) {
            throw new UsageError(e.getMessage());
        }
        top.out.println("Backup of " + database + " written to " + target + " (schema version " + Backup.check(target) + ")");
        return AfterhoursCommand.EXIT_OK;
    }
}
