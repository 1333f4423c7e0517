package afterhours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import afterhours.holidays.HolidayRules;
import afterhours.line.Line;
import afterhours.schedule.TimeRange;
import afterhours.support.TestConfigs;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static final String LINE = """
            lines:
              - id: center
                office: PJSIP/reception
                contractor: PJSIP/desk@contractor
            """;

    @Test
    void theShippedSampleIsTheSafetyCenter() {
        AppConfig config = ConfigLoader.load(TestConfigs.SAMPLE, Map.of());
        assertThat(config.database()).isEqualTo(Path.of("data/afterhours.db"));
        assertThat(config.http()).isEqualTo(new AppConfig.Http("127.0.0.1", 8080));
        assertThat(config.fastAgi()).isEqualTo(new AppConfig.FastAgi("127.0.0.1", 4573, 10, 200));
        assertThat(config.ami()).isEqualTo(new AppConfig.Ami(true, "127.0.0.1", 5038, "afterhours", "", Duration.ofSeconds(10)));
        assertThat(config.verifyPeriod()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.stateGrace()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.lines()).hasSize(1);
        AppConfig.LineConfig center = config.lines().get(0);
        assertThat(center.line()).isEqualTo(new Line("trygghetscenter", "Trygghetscenter Karlstad", List.of("0541234567"),
                ZoneId.of("Europe/Stockholm"), "PJSIP/reception", "PJSIP/0771000000@contractor",
                "PJSIP/0771000000@contractor", 20, "TC: ", HolidayRules.SWEDEN));
        for (DayOfWeek d : DayOfWeek.values()) {
            assertThat(center.weekly().on(d)).isEqualTo(d.getValue() <= 5 ? List.of(TimeRange.parse("10:00-15:00")) : List.of());
        }
        assertThat(center.exceptions()).isEmpty();
    }

    @Test
    void environmentOverridesConnectionsPortsAndDatabase() {
        AppConfig config = ConfigLoader.parse(LINE, Map.of(
                ConfigLoader.ENV_DATABASE, "/tmp/other.db",
                ConfigLoader.ENV_HTTP_PORT, "18080",
                ConfigLoader.ENV_HTTP_BIND, "0.0.0.0",
                ConfigLoader.ENV_AMI_HOST, "pbx.example",
                ConfigLoader.ENV_AMI_PORT, "15038",
                ConfigLoader.ENV_AMI_USERNAME, "ah",
                ConfigLoader.ENV_AMI_SECRET, "s3cret",
                ConfigLoader.ENV_FASTAGI_PORT, "14573",
                ConfigLoader.ENV_FASTAGI_BIND, "0.0.0.0"), "test");
        assertThat(config.database()).isEqualTo(Path.of("/tmp/other.db"));
        assertThat(config.http()).isEqualTo(new AppConfig.Http("0.0.0.0", 18080));
        assertThat(config.ami()).isEqualTo(new AppConfig.Ami(true, "pbx.example", 15038, "ah", "s3cret", Duration.ofSeconds(10)));
        assertThat(config.fastAgi()).isEqualTo(new AppConfig.FastAgi("0.0.0.0", 14573, 10, 200));
    }

    @Test
    void webhookHostsAndTheSecretKeyFile() {
        AppConfig config = ConfigLoader.parse(LINE + "notifications: {webhookHosts: [Alarm.Contractor.Example, '*.vakt.example',"
                + " '[2001:db8::5]'], secretKeyFile: /etc/afterhours/secret.key}\n", Map.of(), "test");
        assertThat(config.webhooks().hosts()).containsExactly("alarm.contractor.example", "*.vakt.example", "2001:db8::5");
        assertThat(config.secretKeyFile()).isEqualTo(Path.of("/etc/afterhours/secret.key"));
        assertThat(ConfigLoader.parse(LINE, Map.of(ConfigLoader.ENV_DATABASE, "/srv/ah/data.db"), "test").secretKeyFile())
                .as("beside the database by default").isEqualTo(Path.of("/srv/ah/secret.key"));
        assertThat(ConfigLoader.parse(LINE, Map.of(ConfigLoader.ENV_SECRET_KEY_FILE, "/run/keys/ah.key"), "test").secretKeyFile())
                .isEqualTo(Path.of("/run/keys/ah.key"));
    }

    @Test
    void routingIsNativeUnlessTheFileSaysAgi() {
        assertThat(ConfigLoader.parse(LINE, Map.of(), "test").ami().routing()).isEqualTo(AppConfig.Routing.NATIVE);
        assertThat(ConfigLoader.parse(LINE + "pbx: {routing: AGI}\n", Map.of(), "test").ami().routing())
                .isEqualTo(AppConfig.Routing.AGI);
    }

    @Test
    void theAmiSecretNeverShowsInText() {
        AppConfig config = ConfigLoader.parse(LINE, Map.of(ConfigLoader.ENV_AMI_SECRET, "s3cret"), "test");
        assertThat(config.toString()).doesNotContain("s3cret").contains("secret=****");
    }

    @Test
    void defaultsForALineWithOnlyItsTargets() {
        AppConfig.LineConfig line = ConfigLoader.parse(LINE, Map.of(), "test").lines().get(0);
        assertThat(line.line().zone()).isEqualTo(ZoneId.of("Europe/Stockholm"));
        assertThat(line.line().failsafeDial()).isEqualTo("PJSIP/desk@contractor");
        assertThat(line.line().ringSeconds()).isEqualTo(20);
        assertThat(line.line().callerIdPrefix()).isEqualTo("TC: ");
        assertThat(line.line().holidays()).isEqualTo(HolidayRules.SWEDEN);
        assertThat(line.weekly().isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top key       | unknown_key        | colour: blue                                                  | colour: unknown key (known here: calllog, database, http, lines, notifications, pbx, switching)
            unknown line key      | unknown_key        | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, offce: x}] | lines[0].offce: unknown key (known here: callerIdPrefix, contractor, exceptions, failsafe, holidays, hours, id, missedAfterSeconds, name, numbers, office, ringSeconds, zone)
            missing office        | required           | lines: [{id: a, contractor: PJSIP/b}]                        | lines[0].office: is required
            bad id                | line_id            | lines: [{id: A B, office: PJSIP/a, contractor: PJSIP/b}]     | lines[0].id: must be a slug of lower-case letters, digits and '-' (1-63 characters), was 'A B'
            dial injection        | dial_string        | lines: [{id: a, office: 'PJSIP/a,30,tT', contractor: PJSIP/b}] | lines[0].office: 'PJSIP/a,30,tT' is not a dial string TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)
            dial ampersand        | dial_string        | lines: [{id: a, office: PJSIP/a&PJSIP/b, contractor: PJSIP/b}] | lines[0].office: 'PJSIP/a&PJSIP/b' is not a dial string TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)
            bad zone              | zone               | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, zone: Mars/Olympus}] | lines[0].zone: unknown time zone 'Mars/Olympus' (use a region such as Europe/Stockholm)
            ring too long         | out_of_range       | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, ringSeconds: 900}] | lines[0].ringSeconds: must be 5..300, was 900
            missed after too long | out_of_range       | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, missedAfterSeconds: 301}] | lines[0].missedAfterSeconds: must be 0..300, was 301
            bad range             | range_format       | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, hours: {monday: [10-15]}}] | lines[0].hours.monday[0]: expected HH:MM-HH:MM, was '10-15'
            24:00 as start        | midnight_as_start  | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, hours: {monday: ['24:00-10:00']}}] | lines[0].hours.monday[0]: 24:00 is allowed only as an end
            no such time          | time_of_day        | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, hours: {monday: ['10:00-25:00']}}] | lines[0].hours.monday[0]: no such time of day: '25:00'
            empty range           | range_empty        | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, hours: {monday: ['10:00-10:00']}}] | lines[0].hours.monday[0]: empty range 10:00-10:00
            overlap               | overlap            | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, hours: {monday: ['10:00-15:00', '14:00-16:00']}}] | lines[0].hours.monday[1]: overlapping ranges: monday 10:00-15:00 and monday 14:00-16:00
            day not a list        | expected_list      | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, hours: {monday: {a: 1}}}] | lines[0].hours.monday: expected a list
            misspelt day          | unknown_key        | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, hours: {mondag: ['10:00-15:00']}}] | lines[0].hours.mondag: unknown key (known here: friday, monday, saturday, sunday, thursday, tuesday, wednesday)
            bad date              | date_format        | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, exceptions: [{date: 2026-02-30, closed: true}]}] | lines[0].exceptions[0].date: expected a date yyyy-mm-dd, was '2026-02-30'
            end before start      | dates_reversed     | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, exceptions: [{from: 2026-07-10, to: 2026-07-01, closed: true}]}] | lines[0].exceptions[0].to: exception ends 2026-07-01 before it starts 2026-07-10
            closed with hours     | closed_or_hours    | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, exceptions: [{date: 2026-07-10, closed: true, hours: ['10:00-12:00']}]}] | lines[0].exceptions[0].hours: an exception is either closed: true, or has hours
            overlapping exceptions| exception_overlap  | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, exceptions: [{date: 2026-07-10, closed: true}, {from: 2026-07-09, to: 2026-07-11, closed: true}]}] | lines[0].exceptions[1]: exception days overlap: 2026-07-09..2026-07-11 and 2026-07-10
            unknown calendar      | holiday_calendar   | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, holidays: {calendar: xx}}] | lines[0].holidays.calendar: unknown holiday calendar 'xx' (use an ISO 3166 country code such as se, no, dk, fi, de)
            duplicate id          | line_id_taken      | lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b}, {id: a, office: PJSIP/a, contractor: PJSIP/b}] | lines[1].id: line id 'a' is used twice
            shared number         | number_taken       | lines: [{id: a, numbers: ['0541'], office: PJSIP/a, contractor: PJSIP/b}, {id: b, numbers: ['0541'], office: PJSIP/a, contractor: PJSIP/b}] | lines[1].numbers[0]: number 0541 belongs to line a
            port out of range     | out_of_range       | http: {port: 70000}                                          | http.port: must be 1..65535, was 70000
            country code          | out_of_range       | 'calllog: {countryCode: 0}'                                  | calllog.countryCode: must be 1..999, was 0
            numbers kept          | out_of_range       | 'calllog: {numbersKeptDays: -1}'                             | calllog.numbersKeptDays: must be 0..3660, was -1
            numbers kept words    | whole_number       | 'calllog: {numbersKeptDays: ninety}'                         | calllog.numbersKeptDays: expected a whole number 0..3660, was 'ninety'
            port not a number     | whole_number       | http: {port: eighty}                                         | http.port: expected a whole number 1..65535, was 'eighty'
            pool below core       | at_least           | pbx: {fastagi: {poolSize: 20, maxPoolSize: 10}}              | pbx.fastagi.maxPoolSize: must be at least poolSize (20), was 10
            enabled not boolean   | one_of             | pbx: {ami: {enabled: perhaps}}                               | pbx.ami.enabled: expected true or false, was 'perhaps'
            routing not a word    | one_of             | pbx: {routing: fastest}                                      | pbx.routing: expected native or agi, was 'fastest'
            database url          | database_url       | database: {url: 'jdbc:mysql://db/afterhours'}                | database.url: expected a jdbc:postgresql://HOST:PORT/DATABASE URL
            mapping for text      | expected_text      | lines: [{id: {a: 1}, office: PJSIP/a, contractor: PJSIP/b}]  | lines[0].id: expected text
            text for a mapping    | expected_object    | http: eighty                                                 | http: expected a mapping of keys
            key given twice       | duplicate_key      | 'http: {port: 8080, port: 8081}'                             | http.port: appears twice
            smtp without host     | required           | 'notifications: {smtp: {from: a@b.example}}'                 | notifications.smtp.host: is required (the SMTP server's name or address)
            smtp sender           | email_address      | 'notifications: {smtp: {host: mail, from: afterhours}}'      | notifications.smtp.from: expected the sender's e-mail address, like afterhours@example.org
            smtp password alone   | required_with      | 'notifications: {smtp: {host: mail, from: a@b.example, password: x}}' | notifications.smtp.username: is required with a password
            smtp port             | out_of_range       | 'notifications: {smtp: {host: mail, from: a@b.example, port: 0}}' | notifications.smtp.port: must be 1..65535, was 0
            smtp starttls         | one_of             | 'notifications: {smtp: {host: mail, from: a@b.example, starttls: maybe}}' | notifications.smtp.starttls: expected true or false, was 'maybe'
            smtp trust missing    | file_missing       | 'notifications: {smtp: {host: mail, from: a@b.example, trust: /no/such/ca.pem}}' | notifications.smtp.trust: no file /no/such/ca.pem
            webhook host          | host_pattern       | 'notifications: {webhookHosts: [hooks.example, "hooks example"]}' | notifications.webhookHosts[1]: expected a host name, an IP address or *.domain, was 'hooks example'
            webhook host wildcard | host_pattern       | 'notifications: {webhookHosts: ["*.*.example"]}'            | notifications.webhookHosts[0]: expected a host name, an IP address or *.domain, was '*.*.example'
            line name line break  | control_character  | 'lines: [{id: a, name: "Trygg\\nhet", office: PJSIP/a, contractor: PJSIP/b}]' | lines[0].name: must not contain control characters (U+000A at position 6)
            note with a tab       | control_character  | 'lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, exceptions: [{date: 2026-07-10, closed: true, note: "a\\tb"}]}]' | lines[0].exceptions[0].note: must not contain control characters (U+0009 at position 2)
            """)
    void badConfigurationNamesTheKeyAndTheProblem(String name, String code, String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, Map.of(), "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((ConfigException) e).rule().code()).isEqualTo(code));
    }

    @Test
    void unknownHolidayToIgnoreListsTheKnownOnes() {
        String yaml = "lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, holidays: {calendar: se, ignore: [MIDSOMMAR]}}]";
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, Map.of(), "test"))
                .hasMessageStartingWith("lines[0].holidays.ignore[0]: 'MIDSOMMAR' is not a holiday of calendar se (known: ALL_SAINTS,")
                .hasMessageContaining("MIDSUMMER_EVE");
    }

    @Test
    void ignoredHolidaysDoNotClose() {
        String yaml = "lines: [{id: a, office: PJSIP/a, contractor: PJSIP/b, holidays: {ignore: [all_saints, midsummer_eve]}}]";
        assertThat(ConfigLoader.parse(yaml, Map.of(), "test").lines().get(0).line().holidays().ignore())
                .containsExactlyInAnyOrder("ALL_SAINTS", "MIDSUMMER_EVE");
    }

    @Test
    void badEnvironmentPortNamesTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.parse(LINE, Map.of(ConfigLoader.ENV_FASTAGI_PORT, "45x"), "test"))
                .hasMessage("environment AFTERHOURS_FASTAGI_PORT: must be a port 1..65535, was '45x'");
    }

    @Test
    void missingFileAndBrokenYaml() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()))
                .hasMessage(dir.resolve("nope.yaml") + ": no such configuration file");
        Path broken = TestConfigs.write(dir, "broken.yaml", "lines:\n  - id: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of()))
                .hasMessageStartingWith(broken + ": not valid YAML:");
    }

    @Test
    void theSmtpPasswordComesFromTheEnvironmentAndNeverShows() {
        AppConfig config = ConfigLoader.parse("notifications: {smtp: {host: mail.example, from: afterhours@example.org,"
                + " username: afterhours, password: in-the-file}}", Map.of(ConfigLoader.ENV_SMTP_PASSWORD, "from-env"), "test");
        assertThat(config.smtp().password()).isEqualTo("from-env");
        assertThat(config.smtp().port()).isEqualTo(587);
        assertThat(config.smtp().starttls()).isTrue();
        assertThat(config.toString()).doesNotContain("from-env", "in-the-file");
        assertThat(ConfigLoader.parse("lines: []", Map.of(), "test").smtp()).isNull();
    }

    @Test
    void theSmtpServersAuthorityIsReadFromAPemFileAndAnythingElseIsRefusedNamingTheKey() throws Exception {
        Path text = TestConfigs.write(dir, "notes.pem", "these are not certificates\n");
        Path empty = TestConfigs.write(dir, "empty.pem", "");
        for (Path bad : List.of(text, empty)) {
            assertThatThrownBy(() -> ConfigLoader.parse("notifications: {smtp: {host: mail, from: a@b.example, trust: '" + bad + "'}}",
                    Map.of(), "test")).isInstanceOf(ConfigException.class).hasMessageStartingWith("notifications.smtp.trust: " + bad);
        }
        Path big = dir.resolve("big.pem");
        java.nio.file.Files.write(big, new byte[ConfigLoader.MAX_TRUST_BYTES + 1]);
        assertThatThrownBy(() -> ConfigLoader.parse("notifications: {smtp: {host: mail, from: a@b.example, trust: '" + big + "'}}",
                Map.of(), "test")).hasMessage("notifications.smtp.trust: " + big + " is larger than 1000000 bytes; expected PEM certificates");
        try (var server = new afterhours.support.StartTlsSmtpServer(dir, "dns:mail.example", "u", "p")) {
            AppConfig config = ConfigLoader.parse("notifications: {smtp: {host: mail.example, from: a@b.example, trust: '"
                    + server.certificate() + "'}}", Map.of(), "test");
            assertThat(config.smtp().trust()).hasSize(1);
            assertThat(config.smtp().trust().get(0).getSubjectX500Principal().getName()).startsWith("CN=Afterhours test SMTP");
            assertThat(config.smtp().toString()).contains("trust=1 certificate(s)");
        }
    }
}
