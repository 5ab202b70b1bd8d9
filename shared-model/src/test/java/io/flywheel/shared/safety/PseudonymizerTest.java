package io.flywheel.shared.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    private final Pseudonymizer pseudonymizer = new Pseudonymizer(PiiDetector.standard());

    @Test
    void replacesEachValueWithATokenThatIsStableWithinTheConversation() {
        PseudonymTable table = new PseudonymTable();
        Pseudonymized first = pseudonymizer.pseudonymize("I am jane@example.com, card 4111 1111 1111 1111", table);
        Pseudonymized second = pseudonymizer.pseudonymize(
                "again JANE@example.com with 4111-1111-1111-1111 and bob@example.com", table);

        assertThat(first.text()).isEqualTo("I am <EMAIL_1>, card <CARD_1>");
        assertThat(second.text()).isEqualTo("again <EMAIL_1> with <CARD_1> and <EMAIL_2>");
        assertThat(first.findings()).hasSize(2);
    }

    @Test
    void restoresTheOriginalValuesFromTheTable() {
        PseudonymTable table = new PseudonymTable();
        String masked = pseudonymizer.pseudonymize("mail jane@example.com", table).text();

        assertThat(table.restore("Dear <EMAIL_1>, about " + masked)).isEqualTo("Dear jane@example.com, about mail "
                + "jane@example.com");
        assertThat(table.restore("unknown <CARD_9> stays")).isEqualTo("unknown <CARD_9> stays");
    }

    @Test
    void aTableReadBackFromStorageContinuesTheNumbering() {
        PseudonymTable stored = PseudonymTable.of(Map.of("<EMAIL_1>", "jane@example.com"));

        assertThat(stored.tokenFor(PiiType.EMAIL, "Jane@Example.com")).isEqualTo("<EMAIL_1>");
        assertThat(stored.tokenFor(PiiType.EMAIL, "bob@example.com")).isEqualTo("<EMAIL_2>");
    }

    @Test
    void leavesTextWithoutPersonalDataUnchanged() {
        Pseudonymized result = pseudonymizer.pseudonymize("How do I sort a list?", new PseudonymTable());
        assertThat(result.text()).isEqualTo("How do I sort a list?");
        assertThat(result.findings()).isEmpty();
    }
}
