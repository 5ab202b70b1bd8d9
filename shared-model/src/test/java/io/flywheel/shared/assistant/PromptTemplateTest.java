package io.flywheel.shared.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    @Test
    void rendersEachPlaceholderWithItsValue() {
        String rendered = PromptTemplate.render("Context:\n{{context}}\nQ: {{ question }}",
                Map.of("context", "[1] pdb is a debugger", "question", "Is there a debugger?"));

        assertThat(rendered).isEqualTo("Context:\n[1] pdb is a debugger\nQ: Is there a debugger?");
    }

    @Test
    void aValueThatLooksLikeAPlaceholderIsInsertedLiterallyNotExpandedAgain() {
        String rendered = PromptTemplate.render("{{question}} / {{context}}",
                Map.of("question", "what is {{context}}?", "context", "C"));

        assertThat(rendered).isEqualTo("what is {{context}}? / C");
    }

    @Test
    void listsPlaceholdersAndFindsNoProblemInAGoodTemplate() {
        assertThat(PromptTemplate.placeholders("{{context}} then {{question}}")).containsExactly("context", "question");
        assertThat(PromptTemplate.problems("{{context}} then {{question}}")).isEmpty();
        assertThat(PromptTemplate.problems("no placeholders at all")).isEmpty();
    }

    @Test
    void reportsStrayAndNestedBraces() {
        assertThat(PromptTemplate.problems("a }} b")).singleElement().asString().contains("closes no placeholder");
        assertThat(PromptTemplate.problems("{{ {{question}} }}")).isNotEmpty();
        assertThat(PromptTemplate.problems("{{question")).singleElement().asString().contains("never closed");
    }
}
