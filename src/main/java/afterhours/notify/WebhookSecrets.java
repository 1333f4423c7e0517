package afterhours.notify;

import afterhours.secrets.SecretBox;
import afterhours.secrets.SecretKeys;
import afterhours.store.Database;
import afterhours.validation.FreeText;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a webhook's shared secret lives and when it may be used. Either the admin gives the key itself, which is
 * stored sealed ({@link SecretBox}, the key file outside the database), or {@code env:NAME} names an environment
 * variable of the service, and then only one whose name starts with {@link #ENV_PREFIX} and that is set: a
 * webhook is signed with its secret and sent wherever an admin points it, so the service's own secrets (the AMI
 * secret, the SMTP password, the database URL) must never be usable as one, or an admin could brute-force them
 * offline from a signed request.
 */
public final class WebhookSecrets {
    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);
    /** What the sealed values are, bound to each of them. */
    static final String PURPOSE = "webhook-secret";
    public static final String ENV = "env:";
    public static final String ENV_PREFIX = "AFTERHOURS_WEBHOOK_";
    public static final int MIN = 16;
    public static final int MAX = FreeText.MAX;
    private static final Pattern ENV_NAME = Pattern.compile(Pattern.quote(ENV_PREFIX) + "[A-Z0-9_]{1,80}");
    private static final Pattern ANY_ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    private final SecretBox box;
    private final Function<String, String> env;

    /** @param env the service's environment ({@code System::getenv}) */
    public WebhookSecrets(SecretBox box, Function<String, String> env) {
        this.box = box;
        this.env = env;
    }

    /** The secrets sealed with the keys of {@code keyFile}, {@code env:} names read from {@code env}. */
    public static WebhookSecrets withKeyFile(Path keyFile, Function<String, String> env) {
        return new WebhookSecrets(new SecretBox(SecretKeys.at(keyFile), PURPOSE), env);
    }

    public SecretBox box() {
        return box;
    }

    /** A secret as an admin gives it, checked: {@code env:NAME} allowed and set, or the key itself; never stored yet. */
    public String check(String given) {
        if (given == null || given.isBlank()) {
            throw new InvalidField("secret", Rule.REQUIRED, "a webhook needs a shared secret (" + MIN + ".." + MAX
                    + " characters, or env:" + ENV_PREFIX + "NAME to read it from the service's environment)");
        }
        String secret = given.strip();
        if (secret.startsWith(ENV)) {
            String name = secret.substring(ENV.length());
            if (!ANY_ENV_NAME.matcher(name).matches()) {
                throw new InvalidField("secret", Rule.ENV_NAME, Map.of("value", name),
                        "env: must be followed by an environment variable's name (A-Z, 0-9, _)");
            }
            if (!ENV_NAME.matcher(name).matches()) {
                throw new InvalidField("secret", Rule.ENV_NOT_ALLOWED, Map.of("prefix", ENV_PREFIX, "name", name),
                        "env: may name only a variable " + ENV_PREFIX + "… (capital letters, digits, _), never one of the"
                                + " service's own secrets, was '" + name + "'");
            }
            String value = env.apply(name);
            if (value == null || value.isEmpty()) {
                throw new InvalidField("secret", Rule.ENV_UNSET, Map.of("name", name),
                        name + " is not set in the service's environment: set it and restart the service first");
            }
            if (value.length() < MIN || value.length() > MAX) {
                throw new InvalidField("secret", Rule.LENGTH, Map.of("min", MIN, "max", MAX, "length", value.length()),
                        name + " holds " + value.length() + " characters; a webhook secret has " + MIN + ".." + MAX);
            }
            return secret;
        }
        if (secret.length() < MIN) {
            throw new InvalidField("secret", Rule.TOO_SHORT, Map.of("min", MIN, "length", secret.length()),
                    "at least " + MIN + " characters, was " + secret.length());
        }
        FreeText.check(secret, "secret");
        if (!box.canSeal()) {
            throw new InvalidField("secret", Rule.SECRET_KEY_MISSING, Map.of("file", box.keys().file().toString()),
                    "the key that encrypts stored secrets (" + box.keys().file() + ") is missing, so no secret can be"
                            + " stored: restore the file, or give env:" + ENV_PREFIX + "NAME");
        }
        return secret;
    }

    /** The form a checked secret is stored in: {@code env:NAME} as it is, the key itself sealed. */
    String stored(String checked) {
        if (checked == null || checked.startsWith(ENV)) {
            return checked;
        }
        try {
            return box.seal(checked);
        } catch (SecretBox.Unavailable e) {
            throw new InvalidField("secret", Rule.SECRET_KEY_MISSING, Map.of("file", box.keys().file().toString()),
                    e.getMessage());
        }
    }

    /** What the API shows of a stored secret: the {@code env:} name, or only that one is set. */
    public static String shown(String stored) {
        return stored == null ? null : stored.startsWith(ENV) ? stored : "set";
    }

    /** The key a message to {@code r} is signed with, or why it cannot be (no retry would change that). */
    public String reveal(Recipient r) throws Undeliverable {
        String stored = r.secret();
        if (stored == null) {
            throw new Undeliverable("the recipient has no secret");
        }
        if (stored.startsWith(ENV)) {
            String name = stored.substring(ENV.length());
            if (!ENV_NAME.matcher(name).matches()) {
                throw new Undeliverable("env:" + name + " is not allowed: a webhook secret comes only from an "
                        + ENV_PREFIX + "… variable; remove the recipient and add it again");
            }
            String value = env.apply(name);
            if (value == null || value.isEmpty()) {
                throw new Undeliverable(name + " is not set in the service's environment");
            }
            return value;
        }
        if (SecretBox.isSealed(stored)) {
            try {
                return box.open(stored);
            } catch (SecretBox.Unavailable e) {
                throw new Undeliverable("the secret cannot be read: " + e.getMessage());
            }
        }
        return stored;   // stored in the clear by an older version, until the next start seals it
    }

    /**
     * At start: makes the key file when it is missing and nothing was sealed yet (a first start, or a database from
     * before secrets were sealed), never over secrets sealed with a lost key; then seals what an older version
     * stored in the clear.
     */
    public void prepare(Database db, RecipientStore recipients) {
        SecretKeys keys = box.keys();
        if (!keys.exists()) {
            List<String> lost = recipients.secrets().values().stream().filter(SecretBox::isSealed).map(SecretBox::keyId)
                    .distinct().toList();
            if (lost.isEmpty()) {
                if (keys.createIfMissing()) {
                    log.info("Notifications: created {}, the key that encrypts the webhook secrets stored in the database;"
                            + " keep it apart from the database's backups and back it up on its own", keys.file());
                }
            } else {
                log.error("Notifications: the key file {} is missing, but webhook secrets in the database were encrypted with"
                        + " key {}: restore the file. Until then those webhooks are not sent and no new secret can be stored"
                        + " (env:{}NAME still can)", keys.file(), String.join(", ", lost), ENV_PREFIX);
                return;
            }
        }
        int sealed = sealClear(db, recipients);
        if (sealed > 0) {
            log.info("Notifications: {} webhook secret(s) stored in the clear by an older version are now encrypted with the"
                    + " key in {}", sealed, keys.file());
        }
    }

    /** Seals every secret an older version stored in the clear; returns how many, or -1 when there is no key. */
    public int sealClear(Database db, RecipientStore recipients) {
        if (!box.canSeal()) {
            return recipients.secrets().values().stream().anyMatch(WebhookSecrets::isClear) ? -1 : 0;
        }
        return db.write("encrypting the webhook secrets stored in the clear", c -> {
            int sealed = 0;
            for (Map.Entry<Long, String> e : recipients.secrets(c).entrySet()) {
                if (isClear(e.getValue())) {
                    recipients.setSecret(c, e.getKey(), stored(e.getValue()));
                    sealed++;
                }
            }
            return sealed;
        });
    }

    /** The stored secrets that cannot be opened (sealed with a key the file does not hold, or damaged), each with why. */
    public List<String> unreadable(RecipientStore recipients) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Long, String> e : recipients.secrets().entrySet()) {
            if (SecretBox.isSealed(e.getValue())) {
                try {
                    box.open(e.getValue());
                } catch (SecretBox.Unavailable u) {
                    problems.add("recipient " + e.getKey() + ": " + u.getMessage());
                }
            }
        }
        return problems;
    }

    /**
     * Seals every stored key that {@code to} did not seal again with {@code to}, in one transaction (a rotation);
     * returns how many. A value that cannot be opened fails the whole transaction, changing nothing.
     */
    public int reseal(Database db, RecipientStore recipients, SecretKeys.Key to) {
        return db.write("encrypting the webhook secrets with a new key", c -> {
            int sealed = 0;
            for (Map.Entry<Long, String> e : recipients.secrets(c).entrySet()) {
                String value = e.getValue();
                if (value.startsWith(ENV) || SecretBox.isSealed(value) && SecretBox.keyId(value).equals(to.id())) {
                    continue;
                }
                String plain;
                try {
                    plain = SecretBox.isSealed(value) ? box.open(value) : value;
                } catch (SecretBox.Unavailable u) {
                    throw new IllegalStateException("recipient " + e.getKey() + ": " + u.getMessage());
                }
                recipients.setSecret(c, e.getKey(), box.seal(plain, to));
                sealed++;
            }
            return sealed;
        });
    }

    private static boolean isClear(String stored) {
        return stored != null && !stored.startsWith(ENV) && !SecretBox.isSealed(stored);
    }
}
