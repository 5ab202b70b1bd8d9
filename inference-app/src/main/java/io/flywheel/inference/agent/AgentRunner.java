package io.flywheel.inference.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import io.flywheel.inference.assistant.AssistantSettings;
import io.flywheel.inference.generation.Generation;
import io.flywheel.inference.generation.GenerationRequest;
import io.flywheel.inference.generation.Generator;
import io.flywheel.inference.safety.GuardedInput;
import io.flywheel.inference.safety.InputGuard;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.safety.InjectionDetector;
import io.flywheel.shared.safety.InjectionScore;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The agent: the model may call langchain4j tools (the registry's model status, scoring a row with a served
 * tabular model) in a loop bounded by a number of
 * steps, a number of tool calls and a time budget. Every model call goes through the same guarded generation seam
 * as retrieval answers; every tool result is scanned for injection and pseudonymised like user input before the model
 * sees it, and is logged. When a budget runs out the model is asked once more, without tools, to answer with what
 * it has.
 */
@ApplicationScoped
public class AgentRunner {

    private static final Logger LOG = Logger.getLogger(AgentRunner.class);
    static final String SYSTEM = "You are the Flywheel operations assistant. Use the tools to look up live platform "
            + "state; answer only from what the tools return, briefly. If the tools cannot tell, say so.";
    static final String WITHHELD = "[tool result withheld: it looked like a prompt injection]";

    private final AssistantSettings settings;
    private final Generator generator;
    private final InputGuard input;
    private final InjectionDetector injection = InjectionDetector.standard();
    private final List<ToolSpecification> specifications;
    private final Map<String, ToolExecutor> executors = new HashMap<>();
    private final List<Pattern> intents;

    public AgentRunner(AssistantSettings settings, Generator generator, InputGuard input, RegistryTools registry,
                       ScoringTools scoring) {
        this.settings = settings;
        this.generator = generator;
        this.input = input;
        List<ToolSpecification> tools = new ArrayList<>();
        // the declared classes, not getClass(): a bean's runtime class may be a generated subclass
        addTools(RegistryTools.class, registry, tools);
        addTools(ScoringTools.class, scoring, tools);
        this.specifications = List.copyOf(tools);
        this.intents = settings.agent().intents().stream()
                .map(rule -> Pattern.compile(rule, Pattern.CASE_INSENSITIVE)).toList();
    }

    private void addTools(Class<?> type, Object toolbox, List<ToolSpecification> tools) {
        tools.addAll(ToolSpecifications.toolSpecificationsFrom(type));
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(dev.langchain4j.agent.tool.Tool.class)) {
                executors.put(method.getName(), new DefaultToolExecutor(toolbox, method));
            }
        }
    }

    /** Whether the question asks for what the agent's tools know (the routing rules). */
    public boolean intended(String question) {
        return settings.agent().enabled() && intents.stream().anyMatch(rule -> rule.matcher(question).find());
    }

    /** Blocking (it waits for the model and runs the tools): call it from a worker thread. */
    public AgentResult run(GuardedInput guarded, AssistantConfig config, double temperature, int maxTokens) {
        long deadline = System.nanoTime() + settings.agent().timeBudget().toNanos();
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(SYSTEM));
        guarded.messages().forEach(message -> {
            if (message.content() != null && !message.content().isBlank() && "user".equals(message.role())) {
                messages.add(UserMessage.from(message.content()));
            }
        });
        List<String> evidence = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        int promptTokens = 0;
        int completionTokens = 0;
        String stop = null;
        for (int step = 0; step < settings.agent().maxSteps(); step++) {
            if (System.nanoTime() > deadline) {
                stop = "time budget";
                break;
            }
            Generation generation = generate(request(config, messages, temperature, maxTokens, guarded, evidence,
                    specifications));
            promptTokens += generation.promptTokens();
            completionTokens += generation.completionTokens();
            if (!generation.wantsTools()) {
                return new AgentResult(generation, evidence, calls, null, promptTokens, completionTokens);
            }
            messages.add(AiMessage.from(generation.toolCalls()));
            for (ToolExecutionRequest call : generation.toolCalls()) {
                String result = calls.size() < settings.agent().maxToolCalls()
                        ? execute(call, guarded, config.safety().injectionThreshold())
                        : "tool call limit reached; answer with what you have";
                calls.add(call.name() + "(" + call.arguments() + ")");
                evidence.add(result);
                messages.add(ToolExecutionResultMessage.from(call, result));
            }
            stop = "step budget";
        }
        Generation last = generate(request(config, messages, temperature, maxTokens, guarded, evidence, List.of()));
        return new AgentResult(last, evidence, calls, stop, promptTokens + last.promptTokens(),
                completionTokens + last.completionTokens());
    }

    /** The agent runs on a worker thread and waits for each step; the stages' timeouts and retries bound the wait. */
    private Generation generate(GenerationRequest request) {
        return generator.generate(request).await().indefinitely();
    }

    private String execute(ToolExecutionRequest call, GuardedInput guarded, double injectionThreshold) {
        ToolExecutor executor = executors.get(call.name());
        String result;
        if (executor == null) {
            result = "there is no tool named " + call.name();
        } else {
            try {
                result = executor.execute(call, null);
            } catch (RuntimeException e) {
                result = "the tool failed: " + e.getMessage();
            }
        }
        int max = settings.agent().maxToolResultChars();
        if (result != null && result.length() > max) {
            result = result.substring(0, max) + " [truncated]";
        }
        InjectionScore score = injection.score(result);
        if (score.blocks(injectionThreshold)) {
            LOG.warnf("tool %s returned text that scores %.2f for injection (%s); withheld", call.name(),
                    score.score(), score.rules());
            return WITHHELD;
        }
        LOG.infof("agent tool call %s(%s) -> %d chars", call.name(), call.arguments(), result == null ? 0
                : result.length());
        return input.pseudonymize(result == null ? "" : result, guarded.pseudonyms());
    }

    private static GenerationRequest request(AssistantConfig config, List<ChatMessage> messages, double temperature,
                                             int maxTokens, GuardedInput guarded, List<String> evidence,
                                             List<ToolSpecification> tools) {
        return new GenerationRequest(config.routing().primary(), config.routing().fallback(), messages, temperature,
                maxTokens, false, guarded.question(), evidence, tools, null, null);
    }
}
