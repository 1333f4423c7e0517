package afterhours.config;

import afterhours.line.Line;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.WeeklyHours;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The validated configuration. Immutable; secrets are kept out of {@code toString}. */
public record AppConfig(Path database, Http http, Ami ami, FastAgi fastAgi, Duration stateGrace,
                        Duration watchdogPeriod, List<LineConfig> lines) {

    public record Http(String bind, int port) { }

    public record Ami(String host, int port, String username, String secret) {
        @Override
        public String toString() {
            return "Ami[host=" + host + ", port=" + port + ", username=" + username + ", secret="
                    + (secret == null || secret.isEmpty() ? "(none)" : "****") + "]";
        }
    }

    public record FastAgi(String bind, int port) { }

    /** A line as the config file seeds it on first start. */
    public record LineConfig(Line line, WeeklyHours weekly, List<ExceptionDay> exceptions) { }
}
