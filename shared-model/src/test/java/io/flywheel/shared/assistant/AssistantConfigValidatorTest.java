package io.flywheel.shared.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.shared.problem.Problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssistantConfigValidatorTest {

    private final AssistantConfigValidator validator = AssistantConfigValidator.withDefaultProviders();
    private final AssistantConfig defaults = AssistantConfig.defaults();

    @Test
    void theBuiltInDefaultIsValid() {
        assertThat(validator.validate(defaults)).isEmpty();
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderIsRefusedNamingTheTemplate() {
        AssistantConfig config = withPrompts(new AssistantConfig.Prompts("Context: {{contxt}}", "{{question}}", "no"));

        assertThat(fields(validator.validate(config))).contains("prompts.system");
        assertThat(validator.validate(config).get(0).message()).contains("{{contxt}}");
    }

    @Test
    void unbalancedBracesAreRefused() {
        AssistantConfig config = withPrompts(new AssistantConfig.Prompts("{{context}}", "{{question} please", "no"));

        assertThat(validator.validate(config)).extracting(FieldError::field).contains("prompts.user");
    }

    @Test
    void theUserTemplateMustCarryTheQuestion() {
        AssistantConfig config = withPrompts(new AssistantConfig.Prompts("{{context}}", "Answer this.", "no"));

        assertThat(validator.validate(config))
                .anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo("prompts.user");
                    assertThat(error.message()).contains("{{question}}");
                });
    }

    @Test
    void retrievalWithoutAContextPlaceholderIsRefusedButWithoutRetrievalItIsFine() {
        AssistantConfig.Prompts noContext = new AssistantConfig.Prompts("Be brief.", "{{question}}", "no");
        AssistantConfig retrieving = withPrompts(noContext);
        AssistantConfig notRetrieving = new AssistantConfig(noContext, defaults.routing(), defaults.generation(),
                new AssistantConfig.Retrieval(0, 0), defaults.safety());

        assertThat(fields(validator.validate(retrieving))).containsExactly("prompts");
        assertThat(validator.validate(notRetrieving)).isEmpty();
    }

    @Test
    void anUnknownProviderIsRefusedNamingTheRoute() {
        AssistantConfig config = new AssistantConfig(defaults.prompts(),
                new AssistantConfig.Routing(new AssistantConfig.Route("openai", "gpt-4o-mini"),
                        new AssistantConfig.Route("skynet", "t-800")),
                defaults.generation(), defaults.retrieval(), defaults.safety());

        List<FieldError> errors = validator.validate(config);

        assertThat(fields(errors)).containsExactly("routing.fallback.provider");
        assertThat(errors.get(0).message()).contains("skynet").contains("openai");
    }

    @Test
    void aGatewayWithOtherProvidersAcceptsThoseOnly() {
        AssistantConfigValidator vllmOnly = new AssistantConfigValidator(java.util.Set.of("vllm", "extractive"));
        AssistantConfig config = new AssistantConfig(defaults.prompts(),
                new AssistantConfig.Routing(new AssistantConfig.Route("openai", "gpt-4o-mini"), null),
                defaults.generation(), defaults.retrieval(), defaults.safety());

        assertThat(fields(vllmOnly.validate(config))).containsExactly("routing.primary.provider");
    }

    @Test
    void outOfRangeValuesAreEachNamed() {
        AssistantConfig config = new AssistantConfig(defaults.prompts(), defaults.routing(),
                new AssistantConfig.Generation(2.5, 0),
                new AssistantConfig.Retrieval(51, 1.5),
                new AssistantConfig.Safety(-0.1, Double.NaN, 0, List.of("(unclosed")));

        assertThat(fields(validator.validate(config))).containsExactlyInAnyOrder(
                "generation.temperature", "generation.max_tokens", "retrieval.k", "retrieval.min_score",
                "safety.injection_threshold", "safety.min_groundedness", "safety.max_input_chars",
                "safety.blocked_patterns[0]");
    }

    @Test
    void missingSectionsAreNamed() {
        AssistantConfig config = new AssistantConfig(null, null, null, null, null);

        assertThat(fields(validator.validate(config)))
                .containsExactlyInAnyOrder("prompts", "routing", "generation", "retrieval", "safety");
        assertThat(fields(validator.validate(null))).containsExactly("$");
    }

    private AssistantConfig withPrompts(AssistantConfig.Prompts prompts) {
        return new AssistantConfig(prompts, defaults.routing(), defaults.generation(), defaults.retrieval(),
                defaults.safety());
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
