package io.flywheel.inference.safety;

import io.flywheel.inference.assistant.AssistantSettings;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.chat.SafetyFinding;
import io.flywheel.shared.safety.AnswerValidator;
import io.flywheel.shared.safety.BlockedContent;
import io.flywheel.shared.safety.Groundedness;
import io.flywheel.shared.safety.LeakRedactor;
import io.flywheel.shared.safety.PiiDetector;
import io.flywheel.shared.safety.PiiFinding;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last step before a client sees an answer: personal data the model produced that it was not given is redacted,
 * blocked-content rules refuse the answer, and the quality validation (not empty, not too long, grounded in the
 * sources at the configured level) decides whether the answer may go out. The caller regenerates once on a failed
 * validation and then refuses; this class only judges.
 */
@ApplicationScoped
public class OutputGuard {

    static final String BLOCKED_CONTENT = "blocked-content";

    private final AssistantSettings settings;
    private final LeakRedactor redactor;
    private final AnswerValidator validator = new AnswerValidator(Groundedness.standard());
    private final BlockedContent global;
    private final Map<List<String>, BlockedContent> perConfig = new ConcurrentHashMap<>();
    private final SafetyMetrics metrics;

    public OutputGuard(AssistantSettings settings, SafetySettings safety, SafetyMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.redactor = new LeakRedactor(safety.names().map(PiiDetector::withNames).orElse(PiiDetector.standard()));
        this.global = BlockedContent.of(safety.blockedPatterns().orElse(List.of()));
    }

    /**
     * @param answer  the generated answer (pseudonymised world)
     * @param prompt  everything the model was given, to tell a leak from a quote
     * @param sources the passages or tool results the answer must be grounded in
     */
    public OutputVerdict check(String answer, String prompt, List<String> sources, AssistantConfig config) {
        List<SafetyFinding> findings = new ArrayList<>();
        String text = answer == null ? "" : answer;
        LeakRedactor.Redaction redaction = redactor.redact(text, prompt);
        for (PiiFinding leak : redaction.leaked()) {
            findings.add(new SafetyFinding("output", "pii-leak", leak.type().name(), leak.confidence()));
            metrics.piiFound("output", leak.type().name());
        }
        text = redaction.text();
        Optional<String> blocked = rules(config).firstMatch(text);
        if (blocked.isPresent()) {
            findings.add(new SafetyFinding("output", BLOCKED_CONTENT, blocked.get(), null));
            metrics.blocked("output", BLOCKED_CONTENT);
            return new OutputVerdict(text, List.of(BLOCKED_CONTENT), null, findings);
        }
        AnswerValidator.Check check = validator.check(text, settings.limits().maxAnswerChars(),
                config.safety().minGroundedness(), sources);
        for (String failure : check.failures()) {
            findings.add(new SafetyFinding("output", "validation", failure, check.groundedness()));
        }
        return new OutputVerdict(text, check.failures(), check.groundedness(), findings);
    }

    private BlockedContent rules(AssistantConfig config) {
        List<String> patterns = config.safety().blockedPatterns();
        return patterns.isEmpty() ? global : perConfig.computeIfAbsent(patterns, global::and);
    }
}
