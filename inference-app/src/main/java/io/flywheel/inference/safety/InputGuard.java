package io.flywheel.inference.safety;

import io.flywheel.inference.assistant.AssistantSettings;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.chat.ChatCompletionRequest;
import io.flywheel.shared.chat.ChatMessage;
import io.flywheel.shared.chat.SafetyFinding;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.safety.InjectionDetector;
import io.flywheel.shared.safety.InjectionScore;
import io.flywheel.shared.safety.PiiDetector;
import io.flywheel.shared.safety.PiiFinding;
import io.flywheel.shared.safety.PseudonymTable;
import io.flywheel.shared.safety.Pseudonymized;
import io.flywheel.shared.safety.Pseudonymizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The first step of the pipeline: refuses malformed conversations with a problem naming the field (422), over-long
 * messages (413), scores user turns for prompt injection, and replaces personal data by pseudonyms that are stable
 * across the conversation. Pure CPU, microseconds; safe on any thread.
 */
@ApplicationScoped
public class InputGuard {

    static final Set<String> ROLES = Set.of(ChatMessage.SYSTEM, ChatMessage.DEVELOPER, ChatMessage.USER,
            ChatMessage.ASSISTANT, ChatMessage.TOOL);
    private static final double MAX_TEMPERATURE = 2.0;

    private final AssistantSettings settings;
    private final Pseudonymizer pseudonymizer;
    private final InjectionDetector injection = InjectionDetector.standard();
    private final SafetyMetrics metrics;

    public InputGuard(AssistantSettings settings, SafetySettings safety, SafetyMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.pseudonymizer = new Pseudonymizer(safety.names().map(PiiDetector::withNames).orElse(PiiDetector.standard()));
    }

    /** Throws a {@link ProblemException} for a request that cannot be served as sent. */
    public void validate(ChatCompletionRequest request, AssistantConfig config) {
        if (request == null) {
            throw invalid("$", "a JSON body is required");
        }
        List<ChatMessage> messages = request.messages();
        if (messages == null || messages.isEmpty()) {
            throw invalid("messages", "at least one message is required");
        }
        if (messages.size() > settings.limits().maxMessages()) {
            throw invalid("messages", "at most " + settings.limits().maxMessages() + " messages are accepted, got "
                    + messages.size());
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            if (message == null || message.role() == null || !ROLES.contains(message.role())) {
                throw invalid("messages[" + i + "].role", "must be one of " + ROLES);
            }
            if (message.content() == null && !ChatMessage.ASSISTANT.equals(message.role())) {
                throw invalid("messages[" + i + "].content", "is required");
            }
            int limit = config.safety().maxInputChars();
            if (message.content() != null && message.content().length() > limit) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "message " + i + " has "
                        + message.content().length() + " characters; at most " + limit + " are accepted",
                        List.of(new FieldError("messages[" + i + "].content", "longer than " + limit + " characters")));
            }
        }
        ChatMessage last = messages.get(messages.size() - 1);
        if (!ChatMessage.USER.equals(last.role()) || last.content().isBlank()) {
            throw invalid("messages[" + (messages.size() - 1) + "]", "the last message must be a non-empty user message");
        }
        if (request.temperature() != null && (request.temperature() < 0 || request.temperature() > MAX_TEMPERATURE)) {
            throw invalid("temperature", "must be between 0 and 2");
        }
        if (request.tokenLimit() != null && request.tokenLimit() < 1) {
            throw invalid("max_tokens", "must be at least 1");
        }
    }

    /** The conversation with pseudonyms, its injection score and findings; call after {@link #validate}. */
    public GuardedInput guard(List<ChatMessage> messages, AssistantConfig config) {
        PseudonymTable table = new PseudonymTable();
        List<ChatMessage> masked = new ArrayList<>(messages.size());
        List<SafetyFinding> findings = new ArrayList<>();
        InjectionScore worst = InjectionScore.NONE;
        for (ChatMessage message : messages) {
            if (message.content() == null) {
                masked.add(message.withContent(""));
                continue;
            }
            if (ChatMessage.USER.equals(message.role()) || ChatMessage.TOOL.equals(message.role())) {
                worst = worst.max(injection.score(message.content()));
            }
            Pseudonymized pseudonymized = pseudonymizer.pseudonymize(message.content(), table);
            for (PiiFinding finding : pseudonymized.findings()) {
                findings.add(new SafetyFinding("input", "pii", finding.type().name(), finding.confidence()));
                metrics.piiFound("input", finding.type().name());
            }
            masked.add(message.withContent(pseudonymized.text()));
        }
        boolean blocked = worst.blocks(config.safety().injectionThreshold());
        if (!worst.rules().isEmpty()) {
            findings.add(new SafetyFinding("input", "injection", String.join(",", worst.rules()), worst.score()));
        }
        if (blocked) {
            metrics.blocked("input", "injection");
        }
        return new GuardedInput(masked, table, worst, blocked, findings);
    }

    /** Pseudonymises one more text (a tool result) into the conversation's table. */
    public String pseudonymize(String text, PseudonymTable table) {
        return pseudonymizer.pseudonymize(text, table).text();
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, field + " " + message,
                List.of(new FieldError(field, message)));
    }
}
