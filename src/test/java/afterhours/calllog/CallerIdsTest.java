package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerIdsTest {

    @Test
    void aNumberIsKeptAsWrittenAndAWordOrAFilledInExtensionIsNone() {
        assertThat(CallerIds.number("0701234567")).isEqualTo("0701234567");
        assertThat(CallerIds.number("+46 70-123 45 67")).isEqualTo("+46 70-123 45 67");
        assertThat(CallerIds.number("*31#0701234567")).isEqualTo("*31#0701234567");
        for (String none : new String[] {null, "", " ", "anonymous", "Anonymous", "unknown", "restricted", "s", "+", "*#",
                "0701\r\nX", "1".repeat(41)}) {
            assertThat(CallerIds.number(none)).as(String.valueOf(none)).isNull();
        }
    }

    @Test
    void theLinesPrefixIsNotPartOfTheCallersName() {
        assertThat(CallerIds.name("TC: Anna Berg", "TC: ")).isEqualTo("Anna Berg");
        assertThat(CallerIds.name("TC:", "TC: ")).as("a withheld caller: only the prefix").isNull();
        assertThat(CallerIds.name("Anna Berg", "TC: ")).isEqualTo("Anna Berg");
        assertThat(CallerIds.name("Anna Berg", null)).isEqualTo("Anna Berg");
        assertThat(CallerIds.name("  ", "")).isNull();
    }
}
