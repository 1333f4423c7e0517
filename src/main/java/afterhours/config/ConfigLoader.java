package afterhours.config;

import afterhours.validation.InvalidField;
import afterhours.holidays.HolidayRules;
import afterhours.holidays.JollydayHolidays;
import afterhours.line.Line;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.Schedule;
import afterhours.schedule.TimeRange;
import afterhours.schedule.WeeklyHours;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
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
    public static final String ENV_FASTAGI_BIND = "AFTERHOURS_FASTAGI_BIND";
    public static final String ENV_FASTAGI_PORT = "AFTERHOURS_FASTAGI_PORT";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int MAX_PORT = 65535;

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
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        ConfigNode top = new ConfigNode(root, "").allowOnly("database", "http", "pbx", "switching", "calllog", "lines");

        ConfigNode database = top.child("database").allowOnly("path", "url");
        Path dbPath = Path.of(env.getOrDefault(ENV_DATABASE, database.string("path", "data/afterhours.db")));
        String dbUrl = env.getOrDefault(ENV_DATABASE_URL, database.string("url", null));
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(env.containsKey(ENV_DATABASE_URL) ? "environment " + ENV_DATABASE_URL : "database.url",
                    "expected a jdbc:postgresql://HOST:PORT/DATABASE URL");
        }

        ConfigNode http = top.child("http").allowOnly("bind", "port");
        AppConfig.Http httpConfig = new AppConfig.Http(
                env.getOrDefault(ENV_HTTP_BIND, http.string("bind", "127.0.0.1")),
                port(env, ENV_HTTP_PORT, http.integer("port", 8080, 1, MAX_PORT)));

        ConfigNode pbx = top.child("pbx").allowOnly("ami", "fastagi", "stateGraceSeconds", "verifySeconds");
        ConfigNode ami = pbx.child("ami").allowOnly("enabled", "host", "port", "username", "secret", "pingSeconds");
        AppConfig.Ami amiConfig = new AppConfig.Ami(
                !ami.child("enabled").isMissing() ? ami.child("enabled").parse(ConfigLoader::bool) : true,
                env.getOrDefault(ENV_AMI_HOST, ami.string("host", "127.0.0.1")),
                port(env, ENV_AMI_PORT, ami.integer("port", 5038, 1, MAX_PORT)),
                env.getOrDefault(ENV_AMI_USERNAME, ami.string("username", "afterhours")),
                env.getOrDefault(ENV_AMI_SECRET, ami.string("secret", "")),
                Duration.ofSeconds(ami.integer("pingSeconds", 10, 1, 300)));
        ConfigNode agi = pbx.child("fastagi").allowOnly("bind", "port", "poolSize", "maxPoolSize");
        int poolSize = agi.integer("poolSize", 10, 1, 1000);
        int maxPoolSize = agi.integer("maxPoolSize", 200, 1, 5000);
        if (maxPoolSize < poolSize) {
            throw agi.child("maxPoolSize").error("must be at least poolSize (" + poolSize + "), was " + maxPoolSize);
        }
        AppConfig.FastAgi agiConfig = new AppConfig.FastAgi(
                env.getOrDefault(ENV_FASTAGI_BIND, agi.string("bind", "127.0.0.1")),
                port(env, ENV_FASTAGI_PORT, agi.integer("port", 4573, 1, MAX_PORT)), poolSize, maxPoolSize);
        Duration grace = Duration.ofSeconds(pbx.integer("stateGraceSeconds", 120, 0, 86_400));
        Duration verify = Duration.ofSeconds(pbx.integer("verifySeconds", 60, 1, 86_400));

        ConfigNode switching = top.child("switching").allowOnly("watchdogSeconds");
        Duration watchdog = Duration.ofSeconds(switching.integer("watchdogSeconds", 60, 5, 3600));

        ConfigNode calllog = top.child("calllog").allowOnly("retentionMonths");
        java.time.Period retention = java.time.Period.ofMonths(calllog.integer("retentionMonths", 13, 1, 120));

        List<AppConfig.LineConfig> lines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (ConfigNode node : top.list("lines")) {
            AppConfig.LineConfig line = line(node);
            if (!ids.add(line.line().id())) {
                throw node.error("line id '" + line.line().id() + "' is used twice");
            }
            for (String n : line.line().numbers()) {
                if (!numbers.add(n)) {
                    throw node.error("number " + n + " belongs to two lines");
                }
            }
            lines.add(line);
        }
        return new AppConfig(dbPath, httpConfig, amiConfig, agiConfig, grace, verify, watchdog, List.copyOf(lines), retention,
                dbUrl);
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

    private static AppConfig.LineConfig line(ConfigNode node) {
        node.allowOnly("id", "name", "numbers", "zone", "office", "contractor", "failsafe", "ringSeconds",
                "callerIdPrefix", "holidays", "hours", "exceptions");
        String id = node.requiredString("id");
        ZoneId zone = node.child("zone").isMissing() ? Line.DEFAULT_ZONE : node.child("zone").parse(ZoneId::of);
        List<String> numbers = node.list("numbers").stream().map(ConfigNode::text).toList();
        HolidayRules holidays = holidays(node.child("holidays"));
        Line line;
        try {
            line = new Line(id, node.string("name", id), numbers, zone, node.requiredString("office"),
                    node.requiredString("contractor"), node.string("failsafe", null),
                    node.integer("ringSeconds", Line.DEFAULT_RING_SECONDS, 5, 300),
                    node.string("callerIdPrefix", Line.DEFAULT_PREFIX), holidays);
        } catch (ConfigException e) {
            throw e;   // already at its path
        } catch (InvalidField e) {
            // Line names its field ("office"): attach it to this line's path
            throw new ConfigException(e.under(node.path()).field(), e.problem());
        }
        WeeklyHours weekly = weekly(node.child("hours"));
        List<ExceptionDay> exceptions = new ArrayList<>();
        for (ConfigNode e : node.list("exceptions")) {
            exceptions.add(exception(e));
        }
        try {
            Schedule.of(zone, weekly, exceptions, null);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.path() + ".exceptions: " + e.getMessage());
        }
        return new AppConfig.LineConfig(line, weekly, exceptions);
    }

    /** A holiday calendar: {@code calendar}, {@code ignore}, {@code language}; validated against Jollyday. */
    public static HolidayRules holidays(ConfigNode node) {
        node.allowOnly("calendar", "ignore", "language");
        if (node.isMissing()) {
            return HolidayRules.SWEDEN;
        }
        String calendar = node.string("calendar", "se");
        if (calendar.equalsIgnoreCase("none")) {
            return HolidayRules.NONE;
        }
        Set<String> ignore = new LinkedHashSet<>();
        for (ConfigNode key : node.list("ignore")) {
            ignore.add(key.text().strip().toUpperCase(Locale.ROOT));
        }
        HolidayRules rules = new HolidayRules(calendar, Set.of(), node.string("language", "sv"));
        JollydayHolidays known;
        try {
            known = (JollydayHolidays) JollydayHolidays.of(rules);
        } catch (IllegalArgumentException e) {
            throw node.child("calendar").error(e.getMessage());
        }
        Set<String> keys = new TreeSet<>();
        for (int year = 2024; year <= 2032; year++) {
            keys.addAll(known.keysIn(year));
        }
        List<ConfigNode> ignoreNodes = node.list("ignore");
        for (ConfigNode key : ignoreNodes) {
            String k = key.text().strip().toUpperCase(Locale.ROOT);
            if (!keys.contains(k)) {
                throw key.error("'" + key.text() + "' is not a holiday of calendar " + calendar + " (known: "
                        + String.join(", ", keys) + ")");
            }
        }
        return new HolidayRules(calendar, ignore, rules.language());
    }

    /** A week of ranges: {@code monday: ["10:00-15:00"], ...}; a missing day is closed. */
    public static WeeklyHours weekly(ConfigNode node) {
        String[] names = new String[7];
        for (DayOfWeek d : DayOfWeek.values()) {
            names[d.ordinal()] = d.name().toLowerCase(Locale.ROOT);
        }
        node.allowOnly(names);
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, ranges(node, d.name().toLowerCase(Locale.ROOT)));
        }
        try {
            return WeeklyHours.of(days);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    /** An exception day: {@code date} or {@code from}/{@code to}, then {@code closed: true} or {@code hours}, and a note. */
    public static ExceptionDay exception(ConfigNode node) {
        node.allowOnly("date", "from", "to", "closed", "hours", "note");
        LocalDate first;
        LocalDate last;
        if (!node.child("date").isMissing()) {
            if (!node.child("from").isMissing() || !node.child("to").isMissing()) {
                throw node.error("give either date, or from and to");
            }
            first = node.child("date").parse(LocalDate::parse);
            last = first;
        } else {
            if (node.child("from").isMissing() || node.child("to").isMissing()) {
                throw node.error("needs date, or from and to (yyyy-mm-dd)");
            }
            first = node.child("from").parse(LocalDate::parse);
            last = node.child("to").parse(LocalDate::parse);
        }
        List<TimeRange> hours = ranges(node, "hours");
        boolean closed = !node.child("closed").isMissing() && node.child("closed").parse(ConfigLoader::bool);
        if (closed != hours.isEmpty()) {
            throw node.error("an exception is either closed: true, or has hours");
        }
        try {
            return new ExceptionDay(first, last, hours, node.string("note", null));
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, was '" + text + "'");
        };
    }

    private static List<TimeRange> ranges(ConfigNode node, String key) {
        List<TimeRange> out = new ArrayList<>();
        for (ConfigNode r : node.list(key)) {
            if (r.text().equalsIgnoreCase("closed")) {
                continue;
            }
            out.add(r.parse(TimeRange::parse));
        }
        return out;
    }
}
