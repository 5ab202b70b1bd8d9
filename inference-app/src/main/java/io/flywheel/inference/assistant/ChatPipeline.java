package io.flywheel.inference.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.inference.access.Caller;
import io.flywheel.inference.agent.AgentResult;
import io.flywheel.inference.agent.AgentRunner;
import io.flywheel.inference.access.TokenBudget;
import io.flywheel.inference.generation.Abandonment;
import io.flywheel.inference.generation.Generation;
import io.flywheel.inference.generation.GenerationRequest;
import io.flywheel.inference.generation.Generator;
import io.flywheel.inference.generation.ProviderCall;
import io.flywheel.inference.retrieval.Retrieval;
import io.flywheel.inference.retrieval.RetrievedSource;
import io.flywheel.inference.retrieval.Retriever;
import io.flywheel.inference.safety.GuardedInput;
import io.flywheel.inference.safety.InputGuard;
import io.flywheel.inference.safety.OutputGuard;
import io.flywheel.inference.safety.OutputVerdict;
import io.flywheel.inference.safety.SafetyMetrics;
import io.flywheel.inference.safety.VaultCipher;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.chat.ChatCompletionRequest;
import io.flywheel.shared.chat.ChatMessage;
import io.flywheel.shared.chat.FlywheelInfo;
import io.flywheel.shared.chat.SafetyFinding;
import io.flywheel.shared.chat.SourceRef;
import io.flywheel.shared.chat.Usage;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The assistant pipeline of one request: input safety → retrieval → generation (or the agent) → output safety →
 * metrics and the interaction log. Non-blocking: it runs on the event loop and leaves it only for what would block
 * it (embedding a new question, refilling a token-budget lease, the agent's tools); the provider call is a
 * {@link Uni}. Provider failures never escape: the answer degrades instead. Only requests that cannot be served as
 * sent fail, with their problem.
 */
@ApplicationScoped
public class ChatPipeline {

    private static final Logger LOG = Logger.getLogger(ChatPipeline.class);
    static final String STOP = "stop";
    static final String RAG = "rag";
    static final String AGENT = "agent";
    static final String AGENT_NEEDS_LLM = "agent mode needs an LLM provider; answered from the documentation";

    private final ActiveAssistantConfig configs;
    private final InputGuard input;
    private final OutputGuard output;
    private final Retriever retriever;
    private final Generator generator;
    private final AgentRunner agent;
    private final TokenBudget budget;
    private final VaultCipher vault;
    private final InteractionLog log;
    private final SafetyMetrics safetyMetrics;
    private final ObjectMapper json;

    public ChatPipeline(ActiveAssistantConfig configs, InputGuard input, OutputGuard output, Retriever retriever,
                        Generator generator, AgentRunner agent, TokenBudget budget, VaultCipher vault,
                        InteractionLog log, SafetyMetrics safetyMetrics, ObjectMapper json) {
        this.configs = configs;
        this.input = input;
        this.output = output;
        this.retriever = retriever;
        this.generator = generator;
        this.agent = agent;
        this.budget = budget;
        this.vault = vault;
        this.log = log;
        this.safetyMetrics = safetyMetrics;
        this.json = json;
    }

    /**
     * Everything that can refuse a request, done before any answer starts (so that a stream never begins for a
     * request that fails): the model, the shape and limits, the key's max tokens, input safety, and the token budget
     * reservation. Fails with the request's problem.
     */
    public Uni<Admission> admit(ChatCompletionRequest request, Caller caller) {
        return Uni.createFrom().deferred(() -> checkAndReserve(request, caller));
    }

    private Uni<Admission> checkAndReserve(ChatCompletionRequest request, Caller caller) {
        ServedConfig served = configs.current();
        if (request != null && request.model() != null && !request.model().equals(served.name())) {
            throw new ProblemException(ProblemType.NOT_FOUND, "unknown model '" + request.model() + "'; this gateway "
                    + "serves '" + served.name() + "' (see GET /v1/models)");
        }
        input.validate(request, served.config());
        int keyMax = caller.grant().maxTokensPerRequest();
        if (keyMax > 0 && request.tokenLimit() != null && request.tokenLimit() > keyMax) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "max_tokens " + request.tokenLimit()
                    + " exceeds the " + keyMax + " this key may ask for",
                    List.of(new FieldError("max_tokens", "at most " + keyMax + " for this key")));
        }
        AssistantConfig config = served.config();
        GuardedInput guarded = input.guard(request.messages(), config);
        int maxTokens = maxTokens(request, config, caller);
        int promptEstimate = guarded.messages().stream().mapToInt(m -> ProviderCall.estimateTokens(m.content())).sum();
        long started = System.nanoTime();
        // read here, on the request's own thread, where the server span is current
        String traceId = traceId();
        return budget.reserveAsync(caller.grant(), (long) promptEstimate + maxTokens).map(reservation ->
                new Admission(UUID.randomUUID().toString(), request, served, caller, guarded, maxTokens, reservation,
                        started, traceId));
    }

    /** A request that passed {@link #admit}: it will be answered, degraded or refused, but answered. */
    public record Admission(String answerId, ChatCompletionRequest request, ServedConfig served, Caller caller,
                            GuardedInput guarded, int maxTokens, TokenBudget.Reservation reservation,
                            long startedNanos, String traceId) {
    }

    /** Answers an admitted request; provider failures degrade the answer, they do not fail it. */
    public Uni<Answer> answer(Admission admission) {
        ChatCompletionRequest request = admission.request();
        AssistantConfig config = admission.served().config();
        GuardedInput guarded = admission.guarded();
        double temperature = request.temperature() != null ? request.temperature() : config.generation().temperature();
        Abandonment abandonment = new Abandonment();
        Uni<Outcome> outcome = guarded.blocked()
                ? Uni.createFrom().item(() -> refusal(config, guarded, "input blocked: prompt injection"))
                : respond(admission.served(), guarded, temperature, admission.maxTokens(), request.streaming(),
                        abandonment);
        return outcome
                .onItemOrFailure().invoke((done, failure) -> budget.settle(admission.reservation(),
                        done == null ? 0 : done.promptTokens + done.completionTokens))
                // the client hung up (Quarkus REST cancels the request's Uni): the provider calls stop; what they
                // may have cost already is not known, so the worst case stays reserved
                .onCancellation().invoke(() -> {
                    abandonment.abandon();
                    budget.settle(admission.reservation(), admission.reservation().tokens());
                })
                .map(done -> finish(admission, done));
    }

    private Uni<Outcome> respond(ServedConfig served, GuardedInput guarded, double temperature, int maxTokens,
                                 boolean stream, Abandonment abandonment) {
        AssistantConfig config = served.config();
        boolean forAgent = agent.intended(guarded.question());
        if (forAgent && Generator.usesLlm(config.routing().primary())) {
            return agentOutcome(guarded, config, temperature, maxTokens);
        }
        Uni<Outcome> rag = retrieve(guarded.question(), config)
                .chain(retrieval -> generateChecked(retrieval, guarded, config, temperature, maxTokens, stream,
                        abandonment));
        return forAgent ? rag.invoke(outcome -> outcome.note(AGENT_NEEDS_LLM)) : rag;
    }

    /** Generates from the passages and checks the output; a failed check generates once more. */
    private Uni<Outcome> generateChecked(Retrieval retrieval, GuardedInput guarded, AssistantConfig config,
                                         double temperature, int maxTokens, boolean stream,
                                         Abandonment abandonment) {
        List<String> passages = retrieval.sources().stream().map(RetrievedSource::text).toList();
        var messages = PromptBuilder.messages(config, guarded.messages(), PromptBuilder.context(retrieval.sources()));
        GenerationRequest generation = GenerationRequest.of(config.routing().primary(), config.routing().fallback(),
                messages, temperature, maxTokens, stream, guarded.question(), passages, abandonment);
        String prompt = PromptBuilder.promptText(messages);
        Outcome outcome = new Outcome(RAG, retrieval);
        return generator.generate(generation).chain(first -> {
            outcome.add(first);
            OutputVerdict verdict = output.check(first.text(), prompt, passages, config);
            if (verdict.passed() || verdict.blocked()) {
                return Uni.createFrom().item(verdict);
            }
            safetyMetrics.regenerated(verdict.failures().get(0));
            return generator.generate(generation).map(second -> {
                outcome.add(second);
                outcome.findings.addAll(verdict.findings());
                return output.check(second.text(), prompt, passages, config);
            });
        }).map(verdict -> {
            conclude(outcome, verdict, config);
            return outcome;
        });
    }

    /** The agent loops over generations and tool calls (registry over HTTP, scoring): on a worker thread. */
    private Uni<Outcome> agentOutcome(GuardedInput guarded, AssistantConfig config, double temperature,
                                      int maxTokens) {
        return Uni.createFrom().item(() -> agentRun(guarded, config, temperature, maxTokens))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Outcome agentRun(GuardedInput guarded, AssistantConfig config, double temperature, int maxTokens) {
        AgentResult result = agent.run(guarded, config, temperature, maxTokens);
        Outcome outcome = new Outcome(AGENT, Retrieval.noIndex());
        outcome.add(result.last());
        outcome.promptTokens = result.promptTokens();
        outcome.completionTokens = result.completionTokens();
        if (result.stopReason() != null) {
            outcome.note("agent stopped early: " + result.stopReason());
        }
        String prompt = guarded.question() + "\n" + String.join("\n", result.evidence());
        conclude(outcome, output.check(result.last().text(), prompt, result.evidence(), config), config);
        return outcome;
    }

    private void conclude(Outcome outcome, OutputVerdict verdict, AssistantConfig config) {
        outcome.findings.addAll(verdict.findings());
        outcome.groundedness = verdict.groundedness();
        if (!verdict.passed()) {
            safetyMetrics.blocked("output", verdict.failures().get(0));
            outcome.refuse(config.prompts().refusal(), "output failed: " + String.join(", ", verdict.failures()));
        } else {
            outcome.text = verdict.text();
        }
    }

    private Uni<Retrieval> retrieve(String question, AssistantConfig config) {
        if (config.retrieval().k() == 0) {
            return Uni.createFrom().item(Retrieval.noIndex());
        }
        return retriever.retrieveAsync(question, config.retrieval().k(), config.retrieval().minScore())
                .onFailure(ProblemException.class).recoverWithItem(unavailable -> {
                    // the embedding model is still loading: answer without passages rather than not at all
                    LOG.debugf("retrieval unavailable: %s", unavailable.getMessage());
                    return Retrieval.noIndex();
                });
    }

    private static Outcome refusal(AssistantConfig config, GuardedInput guarded, String reason) {
        Outcome outcome = new Outcome(RAG, Retrieval.noIndex());
        outcome.findings.addAll(guarded.findings());
        outcome.refuse(config.prompts().refusal(), reason);
        outcome.provider = "none";
        return outcome;
    }

    private Answer finish(Admission admission, Outcome outcome) {
        ServedConfig served = admission.served();
        GuardedInput guarded = admission.guarded();
        String answerId = admission.answerId();
        if (!guarded.blocked()) {
            outcome.findings.addAll(0, guarded.findings());
        }
        List<SourceRef> sources = outcome.retrieval.sources().stream()
                .map(source -> new SourceRef(source.document(), source.chunk(), source.score())).toList();
        FlywheelInfo info = new FlywheelInfo(answerId, served.version(), outcome.retrieval.index(),
                outcome.retrieval.indexVersion(), outcome.route, outcome.provider, sources, outcome.degraded,
                outcome.degradedReason, outcome.refused, outcome.groundedness, List.copyOf(outcome.findings));
        Usage usage = Usage.of(outcome.promptTokens, outcome.completionTokens);
        Instant now = Instant.now();
        double latency = (System.nanoTime() - admission.startedNanos()) / 1e6;
        log.record(new Interaction(answerId, now, admission.caller().keyId(), served.name(), guarded.question(),
                outcome.text, info, outcome.model, outcome.promptTokens, outcome.completionTokens, latency,
                admission.traceId(), seal(answerId, guarded)));
        return new Answer(answerId, served.name(), now.getEpochSecond(), outcome.text, STOP, usage, info);
    }

    private VaultCipher.Sealed seal(String answerId, GuardedInput guarded) {
        if (guarded.pseudonyms().isEmpty()) {
            return null;
        }
        try {
            return vault.seal(json.writeValueAsString(guarded.pseudonyms().entries()), answerId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pseudonyms could not be serialised", e);
        }
    }

    private static int maxTokens(ChatCompletionRequest request, AssistantConfig config, Caller caller) {
        int wanted = request.tokenLimit() != null ? request.tokenLimit() : config.generation().maxTokens();
        int keyMax = caller.grant().maxTokensPerRequest();
        return keyMax > 0 ? Math.min(wanted, keyMax) : wanted;
    }

    private static String traceId() {
        String id = Span.current().getSpanContext().getTraceId();
        return Span.current().getSpanContext().isValid() ? id : null;
    }

    /** What the route produced, accumulated over the generations it took. */
    static final class Outcome {
        final String route;
        final Retrieval retrieval;
        final List<SafetyFinding> findings = new ArrayList<>();
        String text;
        String provider;
        String model;
        boolean degraded;
        String degradedReason;
        boolean refused;
        Double groundedness;
        int promptTokens;
        int completionTokens;

        Outcome(String route, Retrieval retrieval) {
            this.route = route;
            this.retrieval = retrieval;
        }

        void add(Generation generation) {
            text = generation.text();
            provider = generation.provider();
            model = generation.model();
            degraded = generation.degraded();
            degradedReason = generation.degradedReason();
            promptTokens += generation.promptTokens();
            completionTokens += generation.completionTokens();
        }

        void refuse(String refusal, String reason) {
            text = refusal;
            refused = true;
            note(reason);
        }

        void note(String reason) {
            degradedReason = degradedReason == null ? reason : degradedReason + "; " + reason;
        }
    }
}
