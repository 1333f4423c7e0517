package afterhours.config;

import afterhours.json.Binding;
import afterhours.line.HoursText;
import afterhours.line.LineText;
import afterhours.schedule.ExceptionDay;
import afterhours.validation.Choice;
import afterhours.validation.Fields;
import afterhours.validation.FreeText;
import afterhours.validation.HostPattern;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import afterhours.validation.WholeNumber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates the YAML configuration, then applies environment overrides for connection
 * settings, ports and the database path. Every error names the key (or variable) and the rule broken.
 */
public final class ConfigLoader {
    /** Environment variables that override the file, for running several instances side by side. */
    public static final String ENV_DATABASE = "AFTERHOURS_DATABASE";
    public static final String ENV_DATABASE_URL = "AFTERHOURS_DATABASE_URL";
    public static final String ENV_HTTP_BIND = "AFTERHOURS_HTTP_BIND";
    public static final String ENV_HTTP_PORT = "AFTERHOURS_HTTP_PORT";
    public static final String ENV_AMI_HOST = "AFTERHOURS_AMI_HOST";
    public static final String ENV_AMI_PORT = "AFTERHOURS_AMI_PORT";
    public static final String ENV_AMI_USERNAME = "AFTERHOURS_AMI_USERNAME";
    public static final String ENV_AMI_SECRET = "AFTERHOURS_AMI_SECRET";
    public static final String ENV_SMTP_PASSWORD = "AFTERHOURS_SMTP_PASSWORD";
    public static final String ENV_SECRET_KEY_FILE = "AFTERHOURS_SECRET_KEY_FILE";
    public static final String ENV_FASTAGI_BIND = "AFTERHOURS_FASTAGI_BIND";
    public static final String ENV_FASTAGI_PORT = "AFTERHOURS_FASTAGI_PORT";

    private static final int MAX_PORT = 65535;
    /** A CA bundle of a few dozen certificates fits; anything larger is not what the key is for. */
    static final int MAX_TRUST_BYTES = 1_000_000;

    private ConfigLoader() {
    }

    public static AppConfig load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", Rule.FILE_MISSING, Map.of("file", file.toString()), file + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigException("", Rule.FILE_UNREADABLE, Map.of("file", file.toString()), file + ": cannot be read");
        }
        return parse(text, env, file.toString());
    }

    static AppConfig parse(String yaml, Map<String, String> env, String source) {
        try {
            ConfigFile file = Binding.yaml(yaml, ConfigFile.class);
            return validate(file == null ? new ConfigFile(null, null, null, null, null, null, null) : file, env);
        } catch (ConfigException e) {
            throw e;
        } catch (InvalidField e) {
            // a problem of the whole document names the file; one at a key names the key
            throw e.field().isEmpty() ? new ConfigException("", e.rule(), e.params(), source + ": " + e.problem())
                    : ConfigException.of(e);
        }
    }

    /** Checks every value of the bound file once, applies defaults and the environment, and seals the result. */
    static AppConfig validate(ConfigFile file, Map<String, String> env) {
        ConfigFile.Database database = orEmpty(file.database(), new ConfigFile.Database(null, null));
        Path dbPath = Path.of(env.getOrDefault(ENV_DATABASE, or(database.path(), "data/afterhours.db")));
        String dbUrl = env.getOrDefault(ENV_DATABASE_URL, database.url());
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(env.containsKey(ENV_DATABASE_URL) ? "environment " + ENV_DATABASE_URL : "database.url",
                    Rule.DATABASE_URL, Map.of("value", dbUrl), "expected a jdbc:postgresql://HOST:PORT/DATABASE URL");
        }

        ConfigFile.Http http = orEmpty(file.http(), new ConfigFile.Http(null, null, null));
        AppConfig.Http httpConfig = new AppConfig.Http(env.getOrDefault(ENV_HTTP_BIND, or(http.bind(), "127.0.0.1")),
                port(env, ENV_HTTP_PORT, whole(http.port(), 8080, 1, MAX_PORT, "http.port")),
                http.trustedProxy() == null ? null : address(http.trustedProxy(), "http.trustedProxy"));

        ConfigFile.Pbx pbx = orEmpty(file.pbx(), new ConfigFile.Pbx(null, null, null, null, null));
        ConfigFile.Ami ami = orEmpty(pbx.ami(), new ConfigFile.Ami(null, null, null, null, null, null));
        AppConfig.Ami amiConfig = new AppConfig.Ami(
                ami.enabled() == null || Choice.bool(ami.enabled(), "pbx.ami.enabled"),
                env.getOrDefault(ENV_AMI_HOST, or(ami.host(), "127.0.0.1")),
                port(env, ENV_AMI_PORT, whole(ami.port(), 5038, 1, MAX_PORT, "pbx.ami.port")),
                env.getOrDefault(ENV_AMI_USERNAME, or(ami.username(), "afterhours")),
                env.getOrDefault(ENV_AMI_SECRET, or(ami.secret(), "")),
                Duration.ofSeconds(whole(ami.pingSeconds(), 10, 1, 300, "pbx.ami.pingSeconds")),
                pbx.routing() == null ? AppConfig.Routing.NATIVE
                        : Choice.of(AppConfig.Routing.values(), AppConfig.Routing::word, pbx.routing(), "pbx.routing"));
        ConfigFile.FastAgi agi = orEmpty(pbx.fastagi(), new ConfigFile.FastAgi(null, null, null, null));
        int poolSize = whole(agi.poolSize(), 10, 1, 1000, "pbx.fastagi.poolSize");
        int maxPoolSize = whole(agi.maxPoolSize(), 200, 1, 5000, "pbx.fastagi.maxPoolSize");
        if (maxPoolSize < poolSize) {
            throw new ConfigException("pbx.fastagi.maxPoolSize", Rule.AT_LEAST,
                    Map.of("other", "poolSize", "min", poolSize, "value", maxPoolSize),
                    "must be at least poolSize (" + poolSize + "), was " + maxPoolSize);
        }
        AppConfig.FastAgi agiConfig = new AppConfig.FastAgi(env.getOrDefault(ENV_FASTAGI_BIND, or(agi.bind(), "127.0.0.1")),
                port(env, ENV_FASTAGI_PORT, whole(agi.port(), 4573, 1, MAX_PORT, "pbx.fastagi.port")), poolSize, maxPoolSize);
        Duration grace = Duration.ofSeconds(whole(pbx.stateGraceSeconds(), 120, 0, 86_400, "pbx.stateGraceSeconds"));
        Duration verify = Duration.ofSeconds(whole(pbx.verifySeconds(), 60, 1, 86_400, "pbx.verifySeconds"));

        ConfigFile.Switching switching = orEmpty(file.switching(), new ConfigFile.Switching(null));
        Duration watchdog = Duration.ofSeconds(whole(switching.watchdogSeconds(), 60, 5, 3600, "switching.watchdogSeconds"));

        ConfigFile.Calllog calllog = orEmpty(file.calllog(), new ConfigFile.Calllog(null));
        Period retention = Period.ofMonths(
                whole(calllog.retentionMonths(), 13, 1, 120, "calllog.retentionMonths"));

        List<AppConfig.LineConfig> lines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, String> numbers = new HashMap<>();
        List<ConfigFile.LineEntry> entries = file.lines() == null ? List.of() : file.lines();
        for (int i = 0; i < entries.size(); i++) {
            String path = Fields.index("lines", i);
            if (entries.get(i) == null) {
                throw new ConfigException(path, Rule.EXPECTED_OBJECT, Map.of(), "expected a mapping of keys");
            }
            AppConfig.LineConfig line = line(entries.get(i), path);
            String id = line.line().id();
            if (!ids.add(id)) {
                throw new ConfigException(Fields.at(path, "id"), Rule.LINE_ID_TAKEN, Map.of("value", id),
                        "line id '" + id + "' is used twice");
            }
            List<String> own = line.line().numbers();
            for (int n = 0; n < own.size(); n++) {
                String other = numbers.putIfAbsent(own.get(n), id);
                if (other != null) {
                    throw new ConfigException(Fields.index(Fields.at(path, "numbers"), n), Rule.NUMBER_TAKEN,
                            Map.of("value", own.get(n), "line", other), "number " + own.get(n) + " belongs to line " + other);
                }
            }
            lines.add(line);
        }
        ConfigFile.Notifications notifications = orEmpty(file.notifications(), new ConfigFile.Notifications(null));
        return new AppConfig(dbPath, httpConfig, amiConfig, agiConfig, grace, verify, watchdog, List.copyOf(lines), retention,
                dbUrl, smtp(notifications.smtp(), env), webhooks(notifications, env));
    }

    /** The hosts webhooks may go to (each checked) and the key file of their stored secrets. */
    private static AppConfig.Webhooks webhooks(ConfigFile.Notifications notifications, Map<String, String> env) {
        List<String> hosts = new ArrayList<>();
        List<String> given = notifications.webhookHosts() == null ? List.of() : notifications.webhookHosts();
        for (int i = 0; i < given.size(); i++) {
            try {
                hosts.add(HostPattern.normalise(given.get(i), Fields.index("notifications.webhookHosts", i)));
            } catch (InvalidField e) {
                throw ConfigException.of(e);
            }
        }
        String keyFile = env.getOrDefault(ENV_SECRET_KEY_FILE, notifications.secretKeyFile());
        if (keyFile != null && keyFile.isBlank()) {
            throw new ConfigException(env.containsKey(ENV_SECRET_KEY_FILE) ? "environment " + ENV_SECRET_KEY_FILE
                    : "notifications.secretKeyFile", Rule.REQUIRED, Map.of(), "expected a file name");
        }
        return new AppConfig.Webhooks(hosts, keyFile == null ? null : Path.of(keyFile.strip()));
    }

    /** The SMTP server, or null when none is configured; the password may come from the environment. */
    private static AppConfig.Smtp smtp(ConfigFile.Smtp smtp, Map<String, String> env) {
        if (smtp == null) {
            return null;
        }
        String path = "notifications.smtp.";
        if (smtp.host() == null || smtp.host().isBlank()) {
            throw new ConfigException(path + "host", Rule.REQUIRED, Map.of(), "is required (the SMTP server's name or address)");
        }
        if (smtp.from() == null || !smtp.from().matches("[^@\\s]+@[^@\\s]+")) {
            throw new ConfigException(path + "from", Rule.EMAIL_ADDRESS, Map.of("value", String.valueOf(smtp.from())),
                    "expected the sender's e-mail address, like afterhours@example.org");
        }
        String password = env.getOrDefault(ENV_SMTP_PASSWORD, smtp.password());
        if (password != null && smtp.username() == null) {
            throw new ConfigException(path + "username", Rule.REQUIRED_WITH, Map.of("other", "password"),
                    "is required with a password");
        }
        return new AppConfig.Smtp(smtp.host().strip(), whole(smtp.port(), 587, 1, MAX_PORT, path + "port"),
                smtp.starttls() == null || Choice.bool(smtp.starttls(), path + "starttls"), smtp.username(), password,
                smtp.from(), smtp.trust() == null ? null : certificates(smtp.trust(), path + "trust"));
    }

    /** The X.509 certificates of a PEM file (at most {@value #MAX_TRUST_BYTES} bytes), at least one. */
    private static List<X509Certificate> certificates(String file, String key) {
        Path p = Path.of(file.strip());
        Map<String, Object> named = Map.of("file", p.toString());
        try {
            if (!Files.isRegularFile(p)) {
                throw new ConfigException(key, Rule.FILE_MISSING, named, "no file " + p.toAbsolutePath().normalize());
            }
            if (Files.size(p) > MAX_TRUST_BYTES) {
                throw new ConfigException(key, Rule.FILE_TOO_LARGE, Map.of("file", p.toString(), "max", MAX_TRUST_BYTES),
                        p + " is larger than " + MAX_TRUST_BYTES + " bytes; expected PEM certificates");
            }
            try (var in = Files.newInputStream(p)) {
                List<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                        .map(X509Certificate.class::cast).toList();
                if (certs.isEmpty()) {
                    throw new ConfigException(key, Rule.PEM_CERTIFICATES, named,
                            p + " holds no certificate; expected PEM (-----BEGIN CERTIFICATE-----)");
                }
                return certs;
            }
        } catch (IOException | CertificateException e) {
            throw new ConfigException(key, Rule.PEM_CERTIFICATES, named,
                    p + " is not readable as PEM certificates (-----BEGIN CERTIFICATE-----)");
        }
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        if (value == null) {
            return fallback;
        }
        try {
            return WholeNumber.parse(value, 1, MAX_PORT, variable);
        } catch (InvalidField e) {
            throw new ConfigException("environment " + variable, e.rule(), e.params(),
                    "must be a port 1.." + MAX_PORT + ", was '" + value + "'");
        }
    }

    private static AppConfig.LineConfig line(ConfigFile.LineEntry entry, String path) {
        String id = FreeText.required(entry.id(), Fields.at(path, "id"));
        ConfigFile.HolidaysEntry h = entry.holidays();
        LineText text = new LineText(entry.name(), entry.numbers(), entry.zone(), entry.office(), entry.contractor(),
                entry.failsafe(), entry.ringSeconds(), entry.callerIdPrefix(),
                h == null ? null : new LineText.HolidayText(h.calendar(), h.ignore(), h.language()), entry.missedAfterSeconds());
        afterhours.line.Line line = text.newLine(id, path);
        ConfigFile.WeekEntry w = entry.hours() == null ? new ConfigFile.WeekEntry(null, null, null, null, null, null, null)
                : entry.hours();
        Map<DayOfWeek, List<String>> week = new EnumMap<>(DayOfWeek.class);
        week.put(DayOfWeek.MONDAY, w.monday());
        week.put(DayOfWeek.TUESDAY, w.tuesday());
        week.put(DayOfWeek.WEDNESDAY, w.wednesday());
        week.put(DayOfWeek.THURSDAY, w.thursday());
        week.put(DayOfWeek.FRIDAY, w.friday());
        week.put(DayOfWeek.SATURDAY, w.saturday());
        week.put(DayOfWeek.SUNDAY, w.sunday());
        HoursText.Week weekly = HoursText.week(week, Fields.at(path, "hours"));
        List<ExceptionDay> exceptions = new ArrayList<>();
        List<ConfigFile.ExceptionEntry> given = entry.exceptions() == null ? List.of() : entry.exceptions();
        for (int i = 0; i < given.size(); i++) {
            ConfigFile.ExceptionEntry e = given.get(i);
            exceptions.add(HoursText.exception(e == null ? null : new HoursText.ExceptionText(e.date(), e.from(), e.to(),
                    e.closed(), e.hours(), e.note()), Fields.index(Fields.at(path, "exceptions"), i)).day());
        }
        HoursText.noOverlap(exceptions, i -> Fields.index(Fields.at(path, "exceptions"), i));
        return new AppConfig.LineConfig(line, weekly.hours(), exceptions);
    }

    /** An IP address literal (never a name: no lookup decides whom the throttle trusts). */
    static String address(String text, String path) {
        String t = text.strip();
        InvalidField refused = new ConfigException(path, Rule.IP_ADDRESS, Map.of("value", text),
                "expected an IP address such as 127.0.0.1, was '" + text + "'");
        if (!t.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw refused;
        }
        try {
            return java.net.InetAddress.getByName(t).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw refused;
        }
    }

    /** A whole number in {@code min..max}; {@code fallback} when not given. */
    private static int whole(String text, int fallback, int min, int max, String path) {
        return WholeNumber.parse(text, fallback, min, max, path);
    }

    private static <T> T orEmpty(T given, T empty) {
        return given == null ? empty : given;
    }

    private static String or(String given, String fallback) {
        return given == null ? fallback : given;
    }
}
