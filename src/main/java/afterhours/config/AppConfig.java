package afterhours.config;

import afterhours.line.Line;
import afterhours.schedule.ExceptionDay;
import afterhours.schedule.WeeklyHours;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Period;
import java.util.List;

/**
 * The validated configuration. Immutable; secrets are kept out of {@code toString}.
 *
 * @param databaseUrl a {@code jdbc:postgresql:} URL when instances share PostgreSQL; null for the SQLite file
 */
public record AppConfig(Path database, Http http, Ami ami, FastAgi fastAgi, Duration stateGrace,
                        Duration verifyPeriod, Duration watchdogPeriod, List<LineConfig> lines, Period callRetention,
                        String databaseUrl, Smtp smtp, Webhooks webhooks) {

    /** Webhooks to any host, their secrets' key beside the database. */
    public AppConfig(Path database, Http http, Ami ami, FastAgi fastAgi, Duration stateGrace, Duration verifyPeriod,
                     Duration watchdogPeriod, List<LineConfig> lines, Period callRetention, String databaseUrl, Smtp smtp) {
        this(database, http, ami, fastAgi, stateGrace, verifyPeriod, watchdogPeriod, lines, callRetention, databaseUrl, smtp,
                Webhooks.DEFAULT);
    }

    /** Without an SMTP server: notices go out by webhook only. */
    public AppConfig(Path database, Http http, Ami ami, FastAgi fastAgi, Duration stateGrace, Duration verifyPeriod,
                     Duration watchdogPeriod, List<LineConfig> lines, Period callRetention, String databaseUrl) {
        this(database, http, ami, fastAgi, stateGrace, verifyPeriod, watchdogPeriod, lines, callRetention, databaseUrl, null);
    }

    /**
     * Where webhooks may go and where the key of their stored secrets is.
     *
     * @param hosts         the hosts webhooks may go to (host names, IP addresses, {@code *.domain}); empty: any
     * @param secretKeyFile the key file; null: {@code secret.key} beside the database file
     */
    public record Webhooks(List<String> hosts, Path secretKeyFile) {
        public static final Webhooks DEFAULT = new Webhooks(List.of(), null);

        public Webhooks {
            hosts = List.copyOf(hosts);
        }
    }

    /** The key file that encrypts stored webhook secrets: as configured, or {@code secret.key} beside the database file. */
    public Path secretKeyFile() {
        return webhooks.secretKeyFile() != null ? webhooks.secretKeyFile()
                : database.toAbsolutePath().normalize().resolveSibling("secret.key");
    }

    /**
     * The organisation's SMTP server for e-mail notices; {@code username} null: no login.
     *
     * @param trust the certificates (PEM) the SMTP server's own must be signed by, when they are not among the JVM's
     *              trusted authorities (an organisation's own CA); null: the JVM's
     */
    public record Smtp(String host, int port, boolean starttls, String username, String password, String from,
                       List<X509Certificate> trust) {
        public Smtp(String host, int port, boolean starttls, String username, String password, String from) {
            this(host, port, starttls, username, password, from, null);
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", starttls=" + starttls + ", username=" + username
                    + ", password=" + (password == null || password.isEmpty() ? "(none)" : "****") + ", from=" + from
                    + ", trust=" + (trust == null ? "(the JVM's)" : trust.size() + " certificate(s)") + "]";
        }
    }

    /**
     * The admin endpoint.
     *
     * @param trustedProxy the address of a reverse proxy in front of it, whose {@code X-Forwarded-For} names the
     *                     client (for the login throttle); null when clients connect directly
     */
    public record Http(String bind, int port, String trustedProxy) {
        public Http(String bind, int port) {
            this(bind, port, null);
        }
    }

    /**
     * The AMI connection; {@code ping} is the keepalive interval (a silent connection is dropped after 3).
     *
     * @param routing {@code pbx.routing}: the order of the dialplan's layers, which the gateway sets in the PBX
     */
    public record Ami(boolean enabled, String host, int port, String username, String secret, Duration ping,
                      Routing routing) {
        /** Native routing, the default. */
        public Ami(boolean enabled, String host, int port, String username, String secret, Duration ping) {
            this(enabled, host, port, username, secret, ping, Routing.NATIVE);
        }

        @Override
        public String toString() {
            return "Ami[enabled=" + enabled + ", host=" + host + ", port=" + port + ", username=" + username
                    + ", secret=" + (secret == null || secret.isEmpty() ? "(none)" : "****") + ", ping=" + ping
                    + ", routing=" + routing + "]";
        }
    }

    /**
     * Who routes a call first. {@code NATIVE}: the dialplan, from the complete state the service pushed (now and the
     * next period), asking FastAGI only when that is missing or stale. {@code AGI}: FastAGI first, the pushed state
     * when it does not answer.
     */
    public enum Routing {
        NATIVE, AGI;

        /** The word in the configuration file and in the dialplan's {@code AH_ROUTING}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The FastAGI listener; beyond {@code maxPoolSize} concurrent calls a connection is refused at once. */
    public record FastAgi(String bind, int port, int poolSize, int maxPoolSize) { }

    /** A line as the config file seeds it on first start. */
    public record LineConfig(Line line, WeeklyHours weekly, List<ExceptionDay> exceptions) { }
}
