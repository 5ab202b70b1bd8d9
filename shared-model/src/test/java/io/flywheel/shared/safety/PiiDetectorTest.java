package io.flywheel.shared.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiDetectorTest {

    private final PiiDetector detector = PiiDetector.withNames(List.of("Ada Lovelace", "Grace"));

    private List<String> found(String text, PiiType type) {
        return detector.detect(text).stream().filter(f -> f.type() == type).map(f -> f.valueIn(text)).toList();
    }

    @Test
    void findsEmailAddresses() {
        assertThat(found("write to jane.doe+news@mail.example.co.uk today", PiiType.EMAIL))
                .containsExactly("jane.doe+news@mail.example.co.uk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5500 0000 0000 0004",
            "378282246310005", "6011 0009 9013 9424"})
    void findsCardNumbersThatPassTheLuhnCheck(String card) {
        assertThat(found("my card is " + card + ", thanks", PiiType.CARD)).containsExactly(card);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1112", "1234 5678 9012 3456", "123456789012"})
    void ignoresDigitRunsThatAreNotCards(String digits) {
        assertThat(found("order " + digits, PiiType.CARD)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "FR7630006000011234567890189",
            "FR76 3000 6000 0112 3456 7890 189"})
    void findsIbansThatPassTheMod97Check(String iban) {
        assertThat(found("pay to " + iban + " please", PiiType.IBAN)).containsExactly(iban);
    }

    @Test
    void ignoresIbanShapedStringsWithAWrongChecksum() {
        assertThat(found("pay to DE89 3704 0044 0532 0130 01", PiiType.IBAN)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+33 6 12 34 56 78", "+1 (415) 555-0132", "+44 20 7946 0958", "06 12 34 56 78",
            "020 7946 0958", "(415) 555-0132", "415-555-0132"})
    void findsInternationalAndNationalPhoneNumbers(String phone) {
        assertThat(found("call " + phone + " now", PiiType.PHONE)).containsExactly(phone);
    }

    @Test
    void findsNationalIdsOfTheUsFranceAndTheUk() {
        String text = "SSN 123-45-6789, NIR 1 85 05 78 006 084 91, NINO AB 12 34 56 C";
        assertThat(found(text, PiiType.US_SSN)).containsExactly("123-45-6789");
        assertThat(found(text, PiiType.FR_INSEE)).containsExactly("1 85 05 78 006 084 91");
        assertThat(found(text, PiiType.UK_NINO)).containsExactly("AB 12 34 56 C");
    }

    @Test
    void ignoresIdsWithInvalidPrefixesOrKeys() {
        assertThat(detector.detect("000-12-3456 and 1 85 05 78 006 084 12 and QQ 12 34 56 C")).isEmpty();
    }

    @Test
    void findsConfiguredNamesAsWholeWordsIgnoringCase() {
        assertThat(found("ada lovelace met Grace; Gracefully not", PiiType.NAME))
                .containsExactly("ada lovelace", "Grace");
    }

    @Test
    void resolvesOverlapsInFavourOfTheMoreCertainFinding() {
        List<PiiFinding> findings = detector.detect("card 4111 1111 1111 1111");
        assertThat(findings).singleElement().extracting(PiiFinding::type).isEqualTo(PiiType.CARD);
    }

    @Test
    void reportsSpansAndConfidencesInOrder() {
        String text = "a@b.io and +33 6 12 34 56 78";
        List<PiiFinding> findings = detector.detect(text);
        assertThat(findings).extracting(PiiFinding::type).containsExactly(PiiType.EMAIL, PiiType.PHONE);
        assertThat(findings.get(0).start()).isZero();
        assertThat(findings.get(0).confidence()).isGreaterThan(findings.get(1).confidence());
    }

    @Test
    void leavesOrdinaryProseAlone() {
        assertThat(detector.detect("Python 3.12 was released on 2023-10-02; use list.sort() for 1000 items."))
                .isEmpty();
    }
}
