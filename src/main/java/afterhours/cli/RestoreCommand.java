package afterhours.cli;

import afterhours.store.Backup;
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
        } catch (StoreException e) {
            throw new UsageError(e.getMessage());
        }
        return AfterhoursCommand.EXIT_OK;
    }
}
