package afterhours.cli;

import afterhours.config.AppConfig;
import afterhours.config.Databases;
import afterhours.notify.RecipientStore;
import afterhours.notify.WebhookSecrets;
import afterhours.secrets.SecretKeys;
import afterhours.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The key that encrypts the webhook secrets stored in the database. */
@Command(name = "secret-key", mixinStandardHelpOptions = true,
        description = "The key that encrypts the webhook secrets stored in the database (notifications.secretKeyFile).",
        subcommands = {SecretKeyCommand.Rotate.class})
public final class SecretKeyCommand {
    @ParentCommand
    AfterhoursCommand top;

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Make a new key, encrypt every stored webhook secret with it and retire the old key. Safe while"
                    + " the service runs: it reads the key file again when it changes.")
    static final class Rotate implements Callable<Integer> {
        @ParentCommand
        SecretKeyCommand parent;

        @Override
        public Integer call() {
            AfterhoursCommand top = parent.top;
            AppConfig config = top.config();
            WebhookSecrets secrets = WebhookSecrets.withKeyFile(config.secretKeyFile(), top.env::get);
            SecretKeys keys = secrets.box().keys();
            try (Database db = Databases.open(config)) {
                RecipientStore recipients = new RecipientStore(db, secrets);
                List<String> unreadable = secrets.unreadable(recipients);
                if (!unreadable.isEmpty()) {
                    throw new UsageError("nothing was changed: some stored secrets cannot be read with " + keys.file() + " ("
                            + String.join("; ", unreadable) + ")");
                }
                List<SecretKeys.Key> old = keys.keys();
                SecretKeys.Key next = SecretKeys.generate();
                // the new key first: from now on whatever seals (the running service too) seals with it, and the
                // old keys still open what they sealed until every value is sealed again
                List<SecretKeys.Key> both = new ArrayList<>(List.of(next));
                both.addAll(old);
                keys.replace(both);
                int sealed;
                try {
                    sealed = secrets.reseal(db, recipients, next);
                    // a secret the service sealed with the old key just before it read the new file
                    sealed += secrets.reseal(db, recipients, next);
                } catch (RuntimeException e) {
                    throw new UsageError("the rotation stopped; the key file holds the new and the old key, so every secret"
                            + " still opens; run it again: " + e.getMessage());
                }
                keys.replace(List.of(next));
                top.out.println("Key " + next.id() + " now encrypts the " + sealed + " webhook secret(s) stored in the database"
                        + (old.isEmpty() ? "" : "; the old key " + old.get(0).id() + " is retired") + ". Key file: " + keys.file());
                if (!old.isEmpty()) {
                    top.out.println("Database backups made before now need the old key to read their webhook secrets; other"
                            + " instances on the same database need a copy of the new key file.");
                }
                return AfterhoursCommand.EXIT_OK;
            }
        }
    }
}
