package io.flywheel.shared.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentValidatorTest {

    private static final String PROSE = """
            What is Python?
            ---------------

            Python is an interpreted, interactive, object-oriented programming language. It incorporates modules,
            exceptions, dynamic typing, very high level dynamic data types, and classes. It supports multiple
            programming paradigms beyond object-oriented programming, such as procedural and functional programming.
            Python combines remarkable power with very clear syntax. It has interfaces to many system calls and
            libraries, as well as to various window systems, and is extensible in C or C++.
            """;

    private final DocumentValidator validator = new DocumentValidator(DocumentRules.DEFAULT);

    @Test
    void acceptsEnglishProseAndNamesItByItsHash() {
        DocumentValidator.Verdict verdict = validator.validate("general.rst", utf8(PROSE), Map.of());

        assertThat(verdict.accepted()).as(verdict.problems().toString()).isTrue();
        assertThat(verdict.text()).isEqualTo(PROSE);
        assertThat(verdict.sha256()).hasSize(64).isEqualTo(io.flywheel.shared.hashing.Sha256.hex(utf8(PROSE)));
    }

    @Test
    void refusesBytesThatAreNotUtf8SayingWhere() {
        byte[] latin1 = ("Caf" + "\u00e9 au lait").getBytes(StandardCharsets.ISO_8859_1);

        DocumentValidator.Verdict verdict = validator.validate("menu.txt", latin1, Map.of());

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.text()).isNull();
        assertThat(verdict.problems()).singleElement().asString().contains("not valid UTF-8").contains("byte 3");
    }

    @Test
    void refusesAnEmptyOrNearlyEmptyDocument() {
        assertThat(validator.validate("empty.md", new byte[0], Map.of()).problems()).containsExactly("is empty");
        assertThat(validator.validate("short.md", utf8("# Title\n\nToo short."), Map.of()).problems())
                .singleElement().asString().contains("only 15 non-blank characters");
    }

    @Test
    void refusesADuplicateOfAnAcceptedDocumentUnderAnotherName() {
        DocumentValidator.Verdict first = validator.validate("general.rst", utf8(PROSE), Map.of());

        DocumentValidator.Verdict copy = validator.validate("copy.rst", utf8(PROSE), Map.of(first.sha256(), "general.rst"));
        DocumentValidator.Verdict same = validator.validate("general.rst", utf8(PROSE), Map.of(first.sha256(), "general.rst"));

        assertThat(copy.problems()).singleElement().asString().contains("duplicate of 'general.rst'");
        assertThat(same.accepted()).isTrue();
    }

    @Test
    void refusesTextThatDoesNotReadAsEnglish() {
        String german = "Python ist eine interpretierte, interaktive und objektorientierte Programmiersprache. "
                .repeat(10);

        assertThat(validator.validate("de.rst", utf8(german), Map.of()).problems())
                .singleElement().asString().contains("does not read as English");
    }

    @Test
    void refusesBinaryContentThatHappensToBeValidUtf8() {
        byte[] binary = utf8("PK\u0003\u0004" + PROSE);

        assertThat(validator.validate("archive.zip", binary, Map.of()).problems())
                .singleElement().asString().contains("control character (U+0003)");
    }

    @Test
    void refusesADocumentOverTheSizeLimitWithoutReadingIt() {
        DocumentValidator small = new DocumentValidator(new DocumentRules(100, 10, 50, 0.2));

        assertThat(small.validate("big.md", utf8(PROSE), Map.of()).problems())
                .singleElement().asString().contains("more than the limit of 100");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheText() {
        assertThat(validator.validate("bom.md", utf8("\uFEFF" + PROSE), Map.of()).text()).isEqualTo(PROSE);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
