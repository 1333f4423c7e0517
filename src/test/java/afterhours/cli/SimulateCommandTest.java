package afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-12-24T12:00          | {"line":"trygghetscenter","zone":"Europe/Stockholm","at":"2026-12-24T12:00:00+01:00","mode":"FORWARDED","reason":"HOLIDAY","detail":"Julafton","why":{"kind":"holiday","hours":[],"holiday":"Julafton","note":null,"setBy":null,"until":null},"dial":"PJSIP/0771000000@contractor","since":"2026-12-23T15:00:00+01:00","nextChange":"2026-12-28T10:00:00+01:00","nextMode":"OPEN"}
            2026-11-25T10:00          | {"line":"trygghetscenter","zone":"Europe/Stockholm","at":"2026-11-25T10:00:00+01:00","mode":"OPEN","reason":"REGULAR_HOURS","detail":"Open 10:00-15:00","why":{"kind":"regular_hours","hours":["10:00-15:00"],"holiday":null,"note":null,"setBy":null,"until":null},"dial":"PJSIP/reception","since":"2026-11-25T10:00:00+01:00","nextChange":"2026-11-25T15:00:00+01:00","nextMode":"FORWARDED"}
            2026-11-25T14:59:59       | {"line":"trygghetscenter","zone":"Europe/Stockholm","at":"2026-11-25T14:59:59+01:00","mode":"OPEN","reason":"REGULAR_HOURS","detail":"Open 10:00-15:00","why":{"kind":"regular_hours","hours":["10:00-15:00"],"holiday":null,"note":null,"setBy":null,"until":null},"dial":"PJSIP/reception","since":"2026-11-25T10:00:00+01:00","nextChange":"2026-11-25T15:00:00+01:00","nextMode":"FORWARDED"}
            2026-03-28T12:00+01:00    | {"line":"trygghetscenter","zone":"Europe/Stockholm","at":"2026-03-28T12:00:00+01:00","mode":"FORWARDED","reason":"OUTSIDE_HOURS","detail":"Outside opening hours","why":{"kind":"outside_hours","hours":[],"holiday":null,"note":null,"setBy":null,"until":null},"dial":"PJSIP/0771000000@contractor","since":"2026-03-27T15:00:00+01:00","nextChange":"2026-03-30T10:00:00+02:00","nextMode":"OPEN"}
            2026-10-25T02:30          | {"line":"trygghetscenter","zone":"Europe/Stockholm","at":"2026-10-25T02:30:00+02:00","mode":"FORWARDED","reason":"OUTSIDE_HOURS","detail":"Outside opening hours","why":{"kind":"outside_hours","hours":[],"holiday":null,"note":null,"setBy":null,"until":null},"dial":"PJSIP/0771000000@contractor","since":"2026-10-23T15:00:00+02:00","nextChange":"2026-10-26T10:00:00+01:00","nextMode":"OPEN"}
            2026-10-25T02:30+01:00    | {"line":"trygghetscenter","zone":"Europe/Stockholm","at":"2026-10-25T02:30:00+01:00","mode":"FORWARDED","reason":"OUTSIDE_HOURS","detail":"Outside opening hours","why":{"kind":"outside_hours","hours":[],"holiday":null,"note":null,"setBy":null,"until":null},"dial":"PJSIP/0771000000@contractor","since":"2026-10-23T15:00:00+02:00","nextChange":"2026-10-26T10:00:00+01:00","nextMode":"OPEN"}
            2028-06-23T12:00          | {"line":"trygghetscenter","zone":"Europe/Stockholm","at":"2028-06-23T12:00:00+02:00","mode":"FORWARDED","reason":"HOLIDAY","detail":"Midsommarafton","why":{"kind":"holiday","hours":[],"holiday":"Midsommarafton","note":null,"setBy":null,"until":null},"dial":"PJSIP/0771000000@contractor","since":"2028-06-22T15:00:00+02:00","nextChange":"2028-06-26T10:00:00+02:00","nextMode":"OPEN"}
            2027-12-31T09:00Z         | {"line":"trygghetscenter","zone":"Europe/Stockholm","at":"2027-12-31T10:00:00+01:00","mode":"FORWARDED","reason":"HOLIDAY","detail":"Nyårsafton","why":{"kind":"holiday","hours":[],"holiday":"Nyårsafton","note":null,"setBy":null,"until":null},"dial":"PJSIP/0771000000@contractor","since":"2027-12-30T15:00:00+01:00","nextChange":"2028-01-03T10:00:00+01:00","nextMode":"OPEN"}
            """)
    void printsTheExactStateAsOneJsonObject(String at, String json) {
        Cli.Result r = new Cli(dir).migrated(NOW).run(NOW, "simulate", "--line", "trygghetscenter", "--at", at);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown line     | --line,nope,--at,2026-12-24T12:00           | error: unknown line 'nope' (lines: trygghetscenter)
            not a date       | --line,trygghetscenter,--at,tomorrow        | error: --at: expected a date and time like 2026-12-24 08:00 (the line's time) or 2026-12-24T08:00+01:00, was 'tomorrow'
            no such day      | --line,trygghetscenter,--at,2026-02-30T12:00 | error: --at: expected a date and time like 2026-12-24 08:00 (the line's time) or 2026-12-24T08:00+01:00, was '2026-02-30T12:00'
            in the DST gap   | --line,trygghetscenter,--at,2026-03-29T02:30 | error: --at: 2026-03-29T02:30 does not exist in Europe/Stockholm (the clocks skip it for daylight saving time); give another time or an offset
            missing --at     | --line,trygghetscenter                      | error: Missing required option: '--at=WHEN' (see --help)
            unknown option   | --line,trygghetscenter,--at,2026-12-24T12:00,--fast | error: Unknown option: '--fast' (see --help)
            """)
    void badInputExitsWithTwoAndOneLine(String name, String args, String error) {
        String[] all = ("simulate," + args).split(",");
        Cli.Result r = new Cli(dir).migrated(NOW).run(NOW, all);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo(error);
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void badConfigurationExitsWithTwoNamingTheKey() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "lines: [{id: a, office: 'PJSIP/a;b', contractor: PJSIP/b}]\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = AfterhoursCommand.run(new String[] {"status", "--config", bad.toString()}, java.util.Map.of(),
                java.time.Clock.systemUTC(), java.io.InputStream.nullInputStream(),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true),
                afterhours.app.Afterhours::serve);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: lines[0].office: 'PJSIP/a;b' is not a dial string"
                + " TECH/resource (allowed after the slash: letters, digits, + @ - _ . /)");
    }
}
