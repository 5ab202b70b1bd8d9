package io.flywheel.shared.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckDigitsTest {

    @Test
    void luhnAcceptsValidAndRefusesTamperedNumbers() {
        assertThat(CheckDigits.luhn("79927398713")).isTrue();
        assertThat(CheckDigits.luhn("79927398710")).isFalse();
        assertThat(CheckDigits.luhn("")).isFalse();
        assertThat(CheckDigits.luhn("7992a398713")).isFalse();
    }

    @Test
    void ibanMod97AcceptsValidAndRefusesTamperedOrBadlySizedIbans() {
        assertThat(CheckDigits.ibanMod97("GB82WEST12345698765432")).isTrue();
        assertThat(CheckDigits.ibanMod97("GB82WEST12345698765433")).isFalse();
        assertThat(CheckDigits.ibanMod97("GB82")).isFalse();
        assertThat(CheckDigits.ibanMod97("GB82WEST1234569876543$")).isFalse();
    }

    @Test
    void inseeKeyHandlesCorsicanDepartments() {
        assertThat(CheckDigits.inseeKey("1850578006084", 91)).isTrue();
        assertThat(CheckDigits.inseeKey("1850578006084", 90)).isFalse();
        // 2A counts as 19: the key is that of 1850519006084
        int corsican = 97 - (int) (1850519006084L % 97);
        assertThat(CheckDigits.inseeKey("18505" + "2A" + "006084", corsican)).isTrue();
    }
}
