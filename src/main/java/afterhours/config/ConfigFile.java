package afterhours.config;

import java.util.List;

/**
 * The configuration file as written, bound by Jackson: the structure and the key names only (an unknown
 * key is refused with its path), every value still as its text. {@link ConfigLoader} then checks the values
 * once, with messages naming the key, and builds the sealed {@link AppConfig}. Missing sections are null.
 */
public record ConfigFile(Database database, Http http, Pbx pbx, Switching switching, Calllog calllog,
                         Notifications notifications, List<LineEntry> lines) {

    /** Where notices go out; recipients themselves are managed through the admin API. */
    public record Notifications(Smtp smtp, List<String> webhookHosts, String secretKeyFile) {
        public Notifications(Smtp smtp) {
            this(smtp, null, null);
        }
    }

    public record Smtp(String host, String port, String starttls, String username, String password, String from, String trust) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password=****]";
        }
    }

    public record Database(String path, String url) { }

    public record Http(String bind, String port, String trustedProxy) { }

    public record Pbx(Ami ami, FastAgi fastagi, String stateGraceSeconds, String verifySeconds, String routing) { }

    public record Ami(String enabled, String host, String port, String username, String secret, String pingSeconds) {
        @Override
        public String toString() {
            return "Ami[host=" + host + ", port=" + port + ", username=" + username + ", secret=****]";
        }
    }

    public record FastAgi(String bind, String port, String poolSize, String maxPoolSize) { }

    public record Switching(String watchdogSeconds) { }

    public record Calllog(String retentionMonths) { }

    public record LineEntry(String id, String name, List<String> numbers, String zone, String office, String contractor,
                            String failsafe, String ringSeconds, String callerIdPrefix, HolidaysEntry holidays,
                            WeekEntry hours, List<ExceptionEntry> exceptions, String missedAfterSeconds) { }

    /** A holiday calendar: {@code calendar} (default se, or none), holiday keys to {@code ignore}, name {@code language}. */
    public record HolidaysEntry(String calendar, List<String> ignore, String language) { }

    /** A week of ranges, {@code "10:00-15:00"} each; a missing day is closed. */
    public record WeekEntry(List<String> monday, List<String> tuesday, List<String> wednesday, List<String> thursday,
                            List<String> friday, List<String> saturday, List<String> sunday) { }

    /** One exception: {@code date}, or {@code from} and {@code to}; then {@code closed: true} or {@code hours}. */
    public record ExceptionEntry(String date, String from, String to, String closed, List<String> hours, String note) { }
}
