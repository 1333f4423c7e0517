package afterhours.config;

import afterhours.holidays.HolidayRules;
import afterhours.holidays.JollydayHolidays;
import afterhours.line.Line;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.Schedule;
import afterhours.schedule.TimeRange;
import afterhours.schedule.WeeklyHours;
import afterhours.validation.HostPattern;
import afterhours.validation.InvalidField;
import afterhours.validation.FreeText;
import afterhours.validation.Years;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
            throw new ConfigException(file + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, env, file.toString());
    }

    static AppConfig parse(String yaml, Map<String, String> env, String source) {
        ConfigFile file = Binding.yaml(yaml, ConfigFile.class, source);
        return validate(file == null ? new ConfigFile(null, null, null, null, null, null, null) : file, env);
    }

    /** Checks every value of the bound file once, applies defaults and the environment, and seals the result. */
    static AppConfig validate(ConfigFile file, Map<String, String> env) {
        ConfigFile.Database database = orEmpty(file.database(), new ConfigFile.Database(null, null));
        Path dbPath = Path.of(env.getOrDefault(ENV_DATABASE, or(database.path(), "data/afterhours.db")));
        String dbUrl = env.getOrDefault(ENV_DATABASE_URL, database.url());
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(env.containsKey(ENV_DATABASE_URL) ? "environment " + ENV_DATABASE_URL : "database.url",
                    "expected a jdbc:postgresql://HOST:PORT/DATABASE URL");
        }

        ConfigFile.Http http = orEmpty(file.http(), new ConfigFile.Http(null, null, null));
        AppConfig.Http httpConfig = new AppConfig.Http(env.getOrDefault(ENV_HTTP_BIND, or(http.bind(), "127.0.0.1")),
                port(env, ENV_HTTP_PORT, whole(http.port(), 8080, 1, MAX_PORT, "http.port")),
                http.trustedProxy() == null ? null : address(http.trustedProxy(), "http.trustedProxy"));

        ConfigFile.Pbx pbx = orEmpty(file.pbx(), new ConfigFile.Pbx(null, null, null, null));
        ConfigFile.Ami ami = orEmpty(pbx.ami(), new ConfigFile.Ami(null, null, null, null, null, null));
        AppConfig.Ami amiConfig = new AppConfig.Ami(
                ami.enabled() == null || bool(ami.enabled(), "pbx.ami.enabled"),
                env.getOrDefault(ENV_AMI_HOST, or(ami.host(), "127.0.0.1")),
                port(env, ENV_AMI_PORT, whole(ami.port(), 5038, 1, MAX_PORT, "pbx.ami.port")),
                env.getOrDefault(ENV_AMI_USERNAME, or(ami.username(), "afterhours")),
                env.getOrDefault(ENV_AMI_SECRET, or(ami.secret(), "")),
                Duration.ofSeconds(whole(ami.pingSeconds(), 10, 1, 300, "pbx.ami.pingSeconds")));
        ConfigFile.FastAgi agi = orEmpty(pbx.fastagi(), new ConfigFile.FastAgi(null, null, null, null));
        int poolSize = whole(agi.poolSize(), 10, 1, 1000, "pbx.fastagi.poolSize");
        int maxPoolSize = whole(agi.maxPoolSize(), 200, 1, 5000, "pbx.fastagi.maxPoolSize");
        if (maxPoolSize < poolSize) {
            throw new ConfigException("pbx.fastagi.maxPoolSize", "must be at least poolSize (" + poolSize + "), was " + maxPoolSize);
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
        Set<String> numbers = new HashSet<>();
        List<ConfigFile.LineEntry> entries = file.lines() == null ? List.of() : file.lines();
        for (int i = 0; i < entries.size(); i++) {
            String path = "lines[" + i + "]";
            if (entries.get(i) == null) {
                throw new ConfigException(path, "expected a mapping of keys");
            }
            AppConfig.LineConfig line = line(entries.get(i), path);
            if (!ids.add(line.line().id())) {
                throw new ConfigException(path, "line id '" + line.line().id() + "' is used twice");
            }
            for (String n : line.line().numbers()) {
                if (!numbers.add(n)) {
                    throw new ConfigException(path, "number " + n + " belongs to two lines");
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
                hosts.add(HostPattern.normalise(given.get(i), "notifications.webhookHosts[" + i + "]"));
            } catch (InvalidField e) {
                throw new ConfigException(e.field(), e.problem());
            }
        }
        String keyFile = env.getOrDefault(ENV_SECRET_KEY_FILE, notifications.secretKeyFile());
        if (keyFile != null && keyFile.isBlank()) {
            throw new ConfigException(env.containsKey(ENV_SECRET_KEY_FILE) ? "environment " + ENV_SECRET_KEY_FILE
                    : "notifications.secretKeyFile", "expected a file name");
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
            throw new ConfigException(path + "host", "is required (the SMTP server's name or address)");
        }
        if (smtp.from() == null || !smtp.from().matches("[^@\\s]+@[^@\\s]+")) {
            throw new ConfigException(path + "from", "expected the sender's e-mail address, like afterhours@example.org");
        }
        String password = env.getOrDefault(ENV_SMTP_PASSWORD, smtp.password());
        if (password != null && smtp.username() == null) {
            throw new ConfigException(path + "username", "is required with a password");
        }
        return new AppConfig.Smtp(smtp.host().strip(), whole(smtp.port(), 587, 1, MAX_PORT, path + "port"),
                smtp.starttls() == null || bool(smtp.starttls(), path + "starttls"), smtp.username(), password, smtp.from(),
                smtp.trust() == null ? null : certificates(smtp.trust(), path + "trust"));
    }

    /** The X.509 certificates of a PEM file (at most {@value #MAX_TRUST_BYTES} bytes), at least one. */
    private static List<X509Certificate> certificates(String file, String key) {
        Path p = Path.of(file.strip());
        try {
            if (!Files.isRegularFile(p)) {
                throw new ConfigException(key, "no file " + p.toAbsolutePath().normalize());
            }
            if (Files.size(p) > MAX_TRUST_BYTES) {
                throw new ConfigException(key, p + " is larger than " + MAX_TRUST_BYTES + " bytes; expected PEM certificates");
            }
            try (var in = Files.newInputStream(p)) {
                List<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                        .map(X509Certificate.class::cast).toList();
                if (certs.isEmpty()) {
                    throw new ConfigException(key, p + " holds no certificate; expected PEM (-----BEGIN CERTIFICATE-----)");
                }
                return certs;
            }
        } catch (IOException | CertificateException e) {
            throw new ConfigException(key, p + " is not readable as PEM certificates: " + e.getMessage());
        }
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= MAX_PORT) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("environment " + variable + ": must be a port 1.." + MAX_PORT + ", was '" + value + "'");
    }

    private static AppConfig.LineConfig line(ConfigFile.LineEntry entry, String path) {
        String id = required(entry.id(), at(path, "id"));
        ZoneId zone = entry.zone() == null ? Line.DEFAULT_ZONE : zone(entry.zone(), at(path, "zone"));
        List<String> numbers = entry.numbers() == null ? List.of() : entry.numbers();
        HolidayRules holidays = holidays(entry.holidays(), at(path, "holidays"));
        Line line = line(path, id, or(entry.name(), id), numbers, zone, required(entry.office(), at(path, "office")),
                required(entry.contractor(), at(path, "contractor")), entry.failsafe(),
                whole(entry.ringSeconds(), Line.DEFAULT_RING_SECONDS, 5, 300, at(path, "ringSeconds")),
                or(entry.callerIdPrefix(), Line.DEFAULT_PREFIX), holidays);
        WeeklyHours weekly = weekly(entry.hours(), at(path, "hours"));
        List<ExceptionDay> exceptions = new ArrayList<>();
        List<ConfigFile.ExceptionEntry> given = entry.exceptions() == null ? List.of() : entry.exceptions();
        for (int i = 0; i < given.size(); i++) {
            exceptions.add(exception(given.get(i), at(path, "exceptions") + "[" + i + "]"));
        }
        try {
            Schedule.of(zone, weekly, exceptions, null);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at(path, "exceptions"), e.getMessage());
        }
        return new AppConfig.LineConfig(line, weekly, exceptions);
    }

    /** A line from checked values; the line's own rules (dial strings, slug, prefix) name their field under {@code path}. */
    public static Line line(String path, String id, String name, List<String> numbers, ZoneId zone, String office,
                            String contractor, String failsafe, int ringSeconds, String callerIdPrefix,
                            HolidayRules holidays) {
        try {
            return new Line(id, name, numbers, zone, office, contractor, failsafe, ringSeconds, callerIdPrefix, holidays);
        } catch (InvalidField e) {
            throw new ConfigException(path, e);
        }
    }

    /** An IP address literal (never a name: no lookup decides whom the throttle trusts). */
    static String address(String text, String path) {
        String t = text.strip();
        if (!t.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new ConfigException(path, "expected an IP address such as 127.0.0.1, was '" + text + "'");
        }
        try {
            return java.net.InetAddress.getByName(t).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new ConfigException(path, "expected an IP address such as 127.0.0.1, was '" + text + "'");
        }
    }

    public static ZoneId zone(String text, String path) {
        try {
            return ZoneId.of(text.strip());
        } catch (RuntimeException e) {
            throw new ConfigException(path, e.getMessage());
        }
    }

    /** A holiday calendar: {@code calendar}, {@code ignore}, {@code language}; validated against Jollyday. */
    public static HolidayRules holidays(ConfigFile.HolidaysEntry entry, String path) {
        if (entry == null) {
            return HolidayRules.SWEDEN;
        }
        String calendar = or(entry.calendar(), "se");
        if (calendar.equalsIgnoreCase("none")) {
            return HolidayRules.NONE;
        }
        List<String> given = entry.ignore() == null ? List.of() : entry.ignore();
        Set<String> ignore = new LinkedHashSet<>();
        for (String key : given) {
            ignore.add(key.strip().toUpperCase(Locale.ROOT));
        }
        HolidayRules rules = new HolidayRules(calendar, Set.of(), or(entry.language(), "sv"));
        JollydayHolidays known;
        try {
            known = (JollydayHolidays) JollydayHolidays.of(rules);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at(path, "calendar"), e.getMessage());
        }
        Set<String> keys = new TreeSet<>();
        for (int year = 2024; year <= 2032; year++) {
            keys.addAll(known.keysIn(year));
        }
        for (int i = 0; i < given.size(); i++) {
            if (!keys.contains(given.get(i).strip().toUpperCase(Locale.ROOT))) {
                throw new ConfigException(at(path, "ignore") + "[" + i + "]", "'" + given.get(i)
                        + "' is not a holiday of calendar " + calendar + " (known: " + String.join(", ", keys) + ")");
            }
        }
        return new HolidayRules(calendar, ignore, rules.language());
    }

    /** A week of ranges: {@code monday: ["10:00-15:00"], ...}; a missing day is closed. */
    public static WeeklyHours weekly(ConfigFile.WeekEntry week, String path) {
        ConfigFile.WeekEntry w = week == null ? new ConfigFile.WeekEntry(null, null, null, null, null, null, null) : week;
        List<List<String>> given = List.of(nonNull(w.monday()), nonNull(w.tuesday()), nonNull(w.wednesday()),
                nonNull(w.thursday()), nonNull(w.friday()), nonNull(w.saturday()), nonNull(w.sunday()));
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, ranges(given.get(d.ordinal()), at(path, d.name().toLowerCase(Locale.ROOT))));
        }
        WeeklyHours.firstOverlap(days).ifPresent(o -> {
            throw new ConfigException(at(path, o.day().name().toLowerCase(Locale.ROOT)) + "[" + o.index() + "]", o.problem());
        });
        try {
            return WeeklyHours.of(days);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
    }

    /** An exception day: {@code date} or {@code from}/{@code to}, then {@code closed: true} or {@code hours}, and a note. */
    public static ExceptionDay exception(ConfigFile.ExceptionEntry e, String path) {
        if (e == null) {
            throw new ConfigException(path, "expected a mapping of keys");
        }
        LocalDate first;
        LocalDate last;
        if (e.date() != null) {
            if (e.from() != null || e.to() != null) {
                throw new ConfigException(path, "give either date, or from and to");
            }
            first = date(e.date(), at(path, "date"));
            last = first;
        } else {
            if (e.from() == null || e.to() == null) {
                throw new ConfigException(path, "needs date, or from and to (yyyy-mm-dd)");
            }
            first = date(e.from(), at(path, "from"));
            last = date(e.to(), at(path, "to"));
        }
        if (last.isBefore(first)) {
            throw new ConfigException(at(path, "to"), "exception ends " + last + " before it starts " + first);
        }
        List<TimeRange> hours = ranges(nonNull(e.hours()), at(path, "hours"));
        boolean closed = e.closed() != null && bool(e.closed(), at(path, "closed"));
        if (closed != hours.isEmpty()) {
            throw new ConfigException(at(path, hours.isEmpty() ? "closed" : "hours"),
                    "an exception is either closed: true, or has hours");
        }
        try {
            FreeText.check(e.note(), "note");
        } catch (InvalidField broken) {
            throw new ConfigException(path, broken);
        }
        try {
            return new ExceptionDay(first, last, hours, e.note());
        } catch (IllegalArgumentException problem) {
            throw new ConfigException(at(path, "hours"), problem.getMessage());   // ranges that overlap
        }
    }

    private static LocalDate date(String text, String path) {
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (RuntimeException e) {
            throw new ConfigException(path, e.getMessage());
        }
        if (date.getYear() < Years.FIRST || date.getYear() > Years.LAST) {
            throw new ConfigException(path, "must be in the years " + Years.FIRST + ".." + Years.LAST + ", was " + date);
        }
        return date;
    }

    /** A whole number in {@code min..max}; {@code fallback} when not given. */
    public static int whole(String text, int fallback, int min, int max, String path) {
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(path, "expected a whole number " + min + ".." + max + ", was '" + text + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(path, "must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    public static String required(String text, String path) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(path, "is required");
        }
        return text;
    }

    /** {@code path.key}, or {@code key} at the top. */
    public static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static <T> T orEmpty(T given, T empty) {
        return given == null ? empty : given;
    }

    private static String or(String given, String fallback) {
        return given == null ? fallback : given;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    static boolean bool(String text, String path) {
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(path, "expected true or false, was '" + text + "'");
        };
    }

    private static List<TimeRange> ranges(List<String> given, String path) {
        List<TimeRange> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String r = given.get(i);
            if (r == null) {
                throw new ConfigException(path + "[" + i + "]", "expected text");
            }
            if (r.strip().equalsIgnoreCase("closed")) {
                continue;
            }
            try {
                out.add(TimeRange.parse(r));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path + "[" + i + "]", e.getMessage());
            }
        }
        return out;
    }
}
