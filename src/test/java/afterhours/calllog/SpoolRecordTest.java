package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dialplan's spool records, as the real Asterisk 22 writes them (see RealAsteriskTest). */
class SpoolRecordTest {

    @Test
    void aFailsafeCallAsAsteriskWroteIt() {
        SpoolRecord r = SpoolRecord.parse("1795617037.5", "1|trygghetscenter|0541234567|1795617037.4|0701234567"
                + "|Test%20Caller|1795617037|1795617038|failsafe|failsafe|failsafe:ANSWER|1|16").orElseThrow();
        assertThat(r.lineId()).isEqualTo("trygghetscenter");
        assertThat(r.linkedId()).isEqualTo("1795617037.4");
        assertThat(r.callerName()).isEqualTo("Test Caller");
        assertThat(r.startedAt()).isEqualTo(Instant.ofEpochSecond(1795617037));
        assertThat(r.endedAt()).isEqualTo(Instant.ofEpochSecond(1795617038));
        assertThat(r.decidedBy()).isEqualTo(DecidedBy.FAILSAFE);
        assertThat(r.route()).isEqualTo(CallRoute.FAILSAFE);
        assertThat(r.tries()).containsExactly(new SpoolRecord.Try(Target.FAILSAFE, "ANSWER"));
        assertThat(r.answered()).isTrue();
        assertThat(r.answeredSeconds()).isEqualTo(1);
        assertThat(r.hangupCause()).isEqualTo(16);
    }

    @Test
    void version2SaysTheModeAndReasonTheCallWasRoutedBy() {
        SpoolRecord r = SpoolRecord.parse("k", "2|center|0541|9.1|0701|A|100|101|native|contractor|contractor:ANSWER|1|16"
                + "|FORWARDED|OVERRIDE").orElseThrow();
        assertThat(r.decidedBy()).isEqualTo(DecidedBy.NATIVE);
        assertThat(r.mode()).isEqualTo(afterhours.schedule.Mode.FORWARDED);
        assertThat(r.reason()).isEqualTo("OVERRIDE");
        SpoolRecord failsafe = SpoolRecord.parse("k", "2|center|0541|9.1|0701|A|100|101|failsafe|failsafe|failsafe:ANSWER|1|16||")
                .orElseThrow();
        assertThat(failsafe.mode()).isNull();
        assertThat(failsafe.reason()).isNull();
        // FastAGI's own words are no schedule reason; the record still reads
        assertThat(SpoolRecord.parse("k", "2|center|0541|9.1|0701|A|100|101|agi|contractor|contractor:ANSWER|1|16"
                + "|FORWARDED|FAILSAFE").orElseThrow().reason()).isNull();
        assertThat(SpoolRecord.parse("k", "2|center|0541|9.1|0701|A|100|101|agi|office|office:ANSWER|1|16")).as("13 fields")
                .isEmpty();
    }

    @Test
    void anOverflowKeepsBothTries() {
        SpoolRecord r = SpoolRecord.parse("k", "1|center|0541|9.1|0701||100|160|agi|overflow|office:NOANSWER/overflow:ANSWER|40|16")
                .orElseThrow();
        assertThat(r.tries()).containsExactly(new SpoolRecord.Try(Target.OFFICE, "NOANSWER"),
                new SpoolRecord.Try(Target.CONTRACTOR, "ANSWER"));
        assertThat(r.callerName()).isNull();
    }

    @Test
    void aCallerWhoLeftBeforeAnyDialHasNoTries() {
        SpoolRecord r = SpoolRecord.parse("k", "1|center|0541|9.1|0701|A|100|101|agi||:||16").orElseThrow();
        assertThat(r.tries()).isEmpty();
        assertThat(r.route()).isNull();
        assertThat(r.answered()).isFalse();
    }

    @Test
    void aHostileCallerStaysInItsFields() {
        SpoolRecord r = SpoolRecord.parse("k", "1|center|0541|9.1|%2B46701%7C1|Eve%20%7C%201%7Cx%2Cy%3Bz+%C3%85sa|100|101"
                + "|failsafe|failsafe|failsafe:ANSWER|1|16").orElseThrow();
        assertThat(r.callerNumber()).isEqualTo("+46701|1");
        assertThat(r.callerName()).isEqualTo("Eve | 1|x,y;z+Åsa");
    }

    @Test
    void recordsThisBuildCannotReadAreRefusedNotGuessed() {
        for (String bad : List.of("2|center|0541|9.1|0701|A|100|101|agi|office|office:ANSWER|1|16",
                "1|center|0541|9.1|0701|A|100|101|agi|office|office:ANSWER|1",
                "1|center|0541|9.1|0701|A|soon|101|agi|office|office:ANSWER|1|16",
                "1|center|0541|9.1|0701|A|100|101|maybe|office|office:ANSWER|1|16",
                "1||0541|9.1|0701|A|100|101|agi|office|office:ANSWER|1|16")) {
            assertThat(SpoolRecord.parse("k", bad)).as(bad).isEmpty();
        }
    }
}
