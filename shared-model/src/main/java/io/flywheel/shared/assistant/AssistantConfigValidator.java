package io.flywheel.shared.assistant;

import io.flywheel.shared.problem.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Says everything that is wrong with an {@link AssistantConfig}, each finding naming its field the way the JSON
 * spells it ({@code generation.max_tokens}), so that a bad version is refused with a 422 before it is ever stored.
 * The ranges are those of the OpenAI API where one exists.
 */
public final class AssistantConfigValidator {

    /** The providers a stock gateway knows: OpenAI-compatible endpoints, Ollama, and the LLM-free extractive answer. */
    public static final Set<String> DEFAULT_PROVIDERS = Set.of("openai", "ollama", "extractive");

    static final double MAX_TEMPERATURE = 2.0;
    static final int MAX_TOKENS = 32_768;
    static final int MAX_K = 50;
    static final int MAX_INPUT_CHARS = 1_000_000;
    static final int MAX_TEMPLATE_CHARS = 20_000;
    static final int MAX_BLOCKED_PATTERNS = 200;
    static final int MAX_PATTERN_CHARS = 500;

    private final Set<String> providers;

    /** A validator accepting the given provider names (the gateway's configured providers). */
    public AssistantConfigValidator(Set<String> providers) {
        this.providers = Set.copyOf(providers);
    }

    /** A validator accepting {@link #DEFAULT_PROVIDERS}. */
    public static AssistantConfigValidator withDefaultProviders() {
        return new AssistantConfigValidator(DEFAULT_PROVIDERS);
    }

    /** Every problem of the configuration; empty when it is valid. */
    public List<FieldError> validate(AssistantConfig config) {
        List<FieldError> errors = new ArrayList<>();
        if (config == null) {
            errors.add(new FieldError("$", "an assistant configuration is required"));
            return errors;
        }
        prompts(config.prompts(), config.retrieval(), errors);
        routing(config.routing(), errors);
        generation(config.generation(), errors);
        retrieval(config.retrieval(), errors);
        safety(config.safety(), errors);
        return errors;
    }

    private static void prompts(AssistantConfig.Prompts prompts, AssistantConfig.Retrieval retrieval,
                                List<FieldError> errors) {
        if (prompts == null) {
            errors.add(new FieldError("prompts", "is required"));
            return;
        }
        template("prompts.system", prompts.system(), errors);
        template("prompts.user", prompts.user(), errors);
        if (prompts.user() != null && !PromptTemplate.placeholders(prompts.user()).contains(PromptTemplate.QUESTION)) {
            errors.add(new FieldError("prompts.user", "must contain {{question}}"));
        }
        boolean retrieves = retrieval != null && retrieval.k() > 0;
        if (retrieves && prompts.system() != null && prompts.user() != null
                && !PromptTemplate.placeholders(prompts.system()).contains(PromptTemplate.CONTEXT)
                && !PromptTemplate.placeholders(prompts.user()).contains(PromptTemplate.CONTEXT)) {
            errors.add(new FieldError("prompts", "retrieval is on (k > 0) but no template contains {{context}}"));
        }
        if (blank(prompts.refusal())) {
            errors.add(new FieldError("prompts.refusal", "is required"));
        }
    }

    private static void template(String field, String template, List<FieldError> errors) {
        if (blank(template)) {
            errors.add(new FieldError(field, "is required"));
            return;
        }
        if (template.length() > MAX_TEMPLATE_CHARS) {
            errors.add(new FieldError(field, "is longer than " + MAX_TEMPLATE_CHARS + " characters"));
        }
        PromptTemplate.problems(template).forEach(problem -> errors.add(new FieldError(field, problem)));
    }

    private void routing(AssistantConfig.Routing routing, List<FieldError> errors) {
        if (routing == null) {
            errors.add(new FieldError("routing", "is required"));
            return;
        }
        if (routing.primary() == null) {
            errors.add(new FieldError("routing.primary", "is required"));
        } else {
            route("routing.primary", routing.primary(), errors);
        }
        if (routing.fallback() != null) {
            route("routing.fallback", routing.fallback(), errors);
        }
    }

    private void route(String field, AssistantConfig.Route route, List<FieldError> errors) {
        if (blank(route.provider())) {
            errors.add(new FieldError(field + ".provider", "is required"));
        } else if (!providers.contains(route.provider())) {
            errors.add(new FieldError(field + ".provider",
                    "unknown provider '" + route.provider() + "' (known: " + String.join(", ", providers.stream().sorted().toList()) + ")"));
        }
        if (blank(route.model())) {
            errors.add(new FieldError(field + ".model", "is required"));
        }
    }

    private static void generation(AssistantConfig.Generation generation, List<FieldError> errors) {
        if (generation == null) {
            errors.add(new FieldError("generation", "is required"));
            return;
        }
        if (!(generation.temperature() >= 0 && generation.temperature() <= MAX_TEMPERATURE)) {
            errors.add(new FieldError("generation.temperature", "must be within 0.." + MAX_TEMPERATURE));
        }
        if (generation.maxTokens() < 1 || generation.maxTokens() > MAX_TOKENS) {
            errors.add(new FieldError("generation.max_tokens", "must be within 1.." + MAX_TOKENS));
        }
    }

    private static void retrieval(AssistantConfig.Retrieval retrieval, List<FieldError> errors) {
        if (retrieval == null) {
            errors.add(new FieldError("retrieval", "is required"));
            return;
        }
        if (retrieval.k() < 0 || retrieval.k() > MAX_K) {
            errors.add(new FieldError("retrieval.k", "must be within 0.." + MAX_K));
        }
        if (!(retrieval.minScore() >= -1 && retrieval.minScore() <= 1)) {
            errors.add(new FieldError("retrieval.min_score", "must be a cosine similarity within -1..1"));
        }
    }

    private static void safety(AssistantConfig.Safety safety, List<FieldError> errors) {
        if (safety == null) {
            errors.add(new FieldError("safety", "is required"));
            return;
        }
        share("safety.injection_threshold", safety.injectionThreshold(), errors);
        share("safety.min_groundedness", safety.minGroundedness(), errors);
        if (safety.maxInputChars() < 1 || safety.maxInputChars() > MAX_INPUT_CHARS) {
            errors.add(new FieldError("safety.max_input_chars", "must be within 1.." + MAX_INPUT_CHARS));
        }
        List<String> patterns = safety.blockedPatterns();
        if (patterns.size() > MAX_BLOCKED_PATTERNS) {
            errors.add(new FieldError("safety.blocked_patterns", "has more than " + MAX_BLOCKED_PATTERNS + " entries"));
        }
        for (int i = 0; i < patterns.size(); i++) {
            pattern("safety.blocked_patterns[" + i + "]", patterns.get(i), errors);
        }
    }

    private static void pattern(String field, String pattern, List<FieldError> errors) {
        if (blank(pattern)) {
            errors.add(new FieldError(field, "must not be empty"));
        } else if (pattern.length() > MAX_PATTERN_CHARS) {
            errors.add(new FieldError(field, "is longer than " + MAX_PATTERN_CHARS + " characters"));
        } else {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                errors.add(new FieldError(field, "is not a valid regular expression: " + e.getDescription()));
            }
        }
    }

    private static void share(String field, double value, List<FieldError> errors) {
        if (!(value >= 0 && value <= 1)) {
            errors.add(new FieldError(field, "must be within 0..1"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
