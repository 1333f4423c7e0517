package afterhours.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored forms of one caller's number, with the country code 46 unless said otherwise. */
class NumberPlanTest {
    private final NumberPlan sweden = NumberPlan.DEFAULT;

    @ParameterizedTest
    @ValueSource(strings = {"0701234567", "+46701234567", "0046701234567", "46701234567", "070-123 45 67", "(070) 123.45.67",
        " +46 70-123 45 67 "})
    void everyWayOfWritingASwedishMobileNumberIsTheSameCanonicalNumber(String written) {
        CallerNumber n = sweden.parse(written, "number");
        assertThat(n.canonical()).isEqualTo("+46701234567");
        assertThat(n.storedForms()).containsExactlyInAnyOrder("+46701234567", "0046701234567", "0701234567", "46701234567");
        for (String form : n.storedForms()) {
            assertThat(sweden.stored(form)).contains(n);
        }
    }

    @Test
    void aForeignNumberHasItsInternationalFormsOnlyAndAShortNumberIsItself() {
        CallerNumber danish = sweden.parse("+4520123456", "number");
        assertThat(danish.storedForms()).containsExactly("+4520123456", "004520123456");
        assertThat(sweden.stored("4520123456").orElseThrow().canonical()).as("digits without + are not taken for Denmark")
                .isEqualTo("4520123456");
        assertThat(sweden.parse("112", "number").storedForms()).containsExactly("112");
        assertThat(sweden.parse("4612", "number").storedForms()).as("too short to be 46 and a national number")
                .containsExactly("4612");
        CallerNumber lund = sweden.parse("046123456", "number");
        assertThat(lund.storedForms()).containsExactlyInAnyOrder("+4646123456", "004646123456", "046123456", "4646123456");
    }

    @Test
    void theCountryCodeComesFromTheConfiguration() {
        NumberPlan norway = new NumberPlan(47);
        assertThat(norway.parse("091234567", "number").canonical()).isEqualTo("+4791234567");
        assertThat(norway.parse("0701234567", "number").storedForms()).doesNotContain("+46701234567");
        assertThatThrownBy(() -> new NumberPlan(0)).isInstanceOf(InvalidField.class).hasMessageContaining("calllog.countryCode");
    }

    @Test
    void storedValuesThatAreNoNumberMatchNothing() {
        assertThat(sweden.stored(null)).isEmpty();
        assertThat(sweden.stored("anonymous")).isEmpty();
        assertThat(sweden.stored("070123xxxx")).as("masked").isEmpty();
        assertThat(sweden.stored("070 123")).as("a stored value is compared as it is").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "7", "abc", "070123456a", "++46701234567", "+", "070123456789012345678", "0701234567;DROP",
        "07\u00001234567", "+46+701234567"})
    void aBadNumberIsRefusedNamingTheFieldWithItsOwnCode(String written) {
        assertThatThrownBy(() -> sweden.parse(written, "number")).isInstanceOfSatisfying(InvalidField.class, e -> {
            assertThat(e.field()).isEqualTo("number");
            assertThat(e.rule()).isEqualTo(Rule.CALLER_NUMBER);
            assertThat(e.params()).containsEntry("value", written);
        });
    }

    @Test
    void aNumberIsNeverPrintedInFullAndNumbersInFreeTextAreMasked() {
        CallerNumber n = sweden.parse("0701234567", "number");
        assertThat(n.toString()).doesNotContain("1234567").contains("+4670123xxxx");
        assertThat(n.masked()).isEqualTo("+4670123xxxx");
        assertThat(CallerNumber.maskNumbersIn("called back 070-123 45 67 and +46701234567 at 14:05, room 12"))
                .isEqualTo("called back 070-123 xx xx and +4670123xxxx at 14:05, room 12");
        assertThat(CallerNumber.maskNumbersIn(null)).isNull();
    }
}
