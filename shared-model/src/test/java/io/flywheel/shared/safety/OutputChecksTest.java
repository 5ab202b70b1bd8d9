package io.flywheel.shared.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputChecksTest {

    private static final List<String> SOURCES = List.of(
            "Use the sorted() built-in function to get a new sorted list from any iterable.",
            "The list.sort() method sorts a list in place and returns None.");

    @Test
    void groundednessCountsSentencesSupportedByOneSource() {
        Groundedness.Score score = Groundedness.standard().score(
                "The sorted() function returns a new sorted list. The list.sort() method sorts in place. "
                        + "Quantum entanglement powers the interpreter.", SOURCES);

        assertThat(score.sentences()).isEqualTo(3);
        assertThat(score.supported()).isEqualTo(2);
        assertThat(score.value()).isEqualTo(2.0 / 3);
    }

    @Test
    void anAnswerWithoutContentWordsClaimsNothing() {
        assertThat(Groundedness.standard().score("Yes.", SOURCES).value()).isEqualTo(1.0);
    }

    @Test
    void splitsSentencesAtPunctuationAndLineBreaks() {
        assertThat(Groundedness.sentences("One. Two? Three!\nFour")).containsExactly("One.", "Two?", "Three!", "Four");
    }

    @Test
    void validatorFailsEmptyTooLongAndUngroundedAnswers() {
        AnswerValidator validator = new AnswerValidator(Groundedness.standard());

        assertThat(validator.check(" ", 100, 0.5, SOURCES).failures()).containsExactly(AnswerValidator.EMPTY);
        assertThat(validator.check("x".repeat(101), 100, 0, List.of()).failures())
                .containsExactly(AnswerValidator.TOO_LONG);
        AnswerValidator.Check ungrounded = validator.check("Quantum entanglement powers it.", 100, 0.5, SOURCES);
        assertThat(ungrounded.failures()).containsExactly(AnswerValidator.UNGROUNDED);
        assertThat(ungrounded.groundedness()).isZero();
        assertThat(validator.check("The list.sort() method sorts a list in place.", 100, 0.5, SOURCES).passed())
                .isTrue();
    }

    @Test
    void validatorSkipsGroundednessWithoutSources() {
        AnswerValidator.Check check = new AnswerValidator(Groundedness.standard()).check("Anything.", 100, 0.9, List.of());
        assertThat(check.passed()).isTrue();
        assertThat(check.groundedness()).isNull();
    }

    @Test
    void blockedContentNamesTheMatchingRuleAndRefusesBadExpressions() {
        BlockedContent rules = BlockedContent.of(List.of("\\bpassword\\s*=", "internal use only")).and(List.of("secret"));

        assertThat(rules.firstMatch("The PASSWORD = hunter2")).contains("\\bpassword\\s*=");
        assertThat(rules.firstMatch("top secret")).contains("secret");
        assertThat(rules.firstMatch("all fine")).isEmpty();
        assertThatThrownBy(() -> BlockedContent.of(List.of("(unclosed"))).hasMessageContaining("(unclosed");
    }

    @Test
    void leakRedactorRemovesOnlyPersonalDataThePromptDidNotHold() {
        LeakRedactor redactor = new LeakRedactor(PiiDetector.standard());
        String prompt = "Context: write to help@python.org. Question: my mail is <EMAIL_1>";

        LeakRedactor.Redaction redaction = redactor.redact(
                "Write to help@python.org or to john@evil.example; card 4111 1111 1111 1111. Regards <EMAIL_1>", prompt);

        assertThat(redaction.text()).isEqualTo(
                "Write to help@python.org or to [EMAIL REDACTED]; card [CARD REDACTED]. Regards <EMAIL_1>");
        assertThat(redaction.leaked()).extracting(PiiFinding::type).containsExactly(PiiType.EMAIL, PiiType.CARD);
    }
}
