package afterhours.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import afterhours.calllog.Attempt;
import afterhours.calllog.Target;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quick reading of stored instants gives exactly what {@link Instant#parse} gives, or its exception. */
class IsoInstantsTest {

    @Test
    void everyInstantAsJavaWritesItReadsBackTheSame() {
        Random random = new Random(25);
        for (int i = 0; i < 200_000; i++) {
            // whole seconds, milliseconds, microseconds and nanoseconds: toString writes 0, 3, 6 or 9 digits
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstants.parse(t.toString())).isEqualTo(t);
        }
    }

    @Test
    void oddTextIsLeftToTheStandardParserAndGivesItsAnswer() {
        for (String text : List.of("2024-02-29T23:59:59Z", "2026-12-31T23:59:59.5Z", "2026-06-17T10:00:00.123456789Z",
                "2026-06-17T10:00:00+02:00", "2026-06-17T10:00:00.1+01:00", "2016-12-31T23:59:60Z",
                "+12026-06-17T10:00:00Z", "2026-06-17t10:00:00z", "2026-06-17T10:00:00.Z")) {
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text : List.of("2026-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z",
                "2026-06-17T25:00:00Z", "2026-06-17T10:61:00Z", "2026-06-17T10:00:00.1234567890Z",
                "2026-06-17 10:00:00Z", "2026-0\u0666-17T10:00:00Z", "2026-06-17T10:00:00", "2026-06-17T10:00Z", "",
                "-2026-06-17T10:00:00Z x")) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void theReaderReadsStoredAttemptsAsTheCommonMapperDoes() throws Exception {
        List<Attempt> attempts = List.of(
                new Attempt(Target.OFFICE, "PJSIP/reception", "NOANSWER", Instant.parse("2026-03-29T00:59:59.999Z"),
                        Instant.parse("2026-03-29T01:00:19Z")),
                new Attempt(Target.CONTRACTOR, "Local/desk@x", null, Instant.parse("2026-03-29T01:00:19.000001Z"), null));
        String stored = Json.write(attempts);
        TypeReference<List<Attempt>> type = new TypeReference<>() { };
        assertThat(IsoInstants.readerFor(type).<List<Attempt>>readValue(stored))
                .isEqualTo(Json.MAPPER.readValue(stored, type)).isEqualTo(attempts);
        String offsets = stored.replace("01:00:19Z", "03:00:19+02:00");
        assertThat(IsoInstants.readerFor(type).<List<Attempt>>readValue(offsets)).isEqualTo(attempts);
    }
}
