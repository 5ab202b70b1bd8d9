package io.flywheel.inference.safety;

import io.flywheel.shared.chat.SafetyFinding;
import java.util.List;

/**
 * What the output checks made of an answer.
 *
 * @param text         the answer after redaction (still pseudonymised)
 * @param failures     why it may not be given: {@code blocked-content}, {@code empty}, {@code too-long},
 *                     {@code ungrounded}; empty when it passed
 * @param groundedness share of supported sentences, when measured
 * @param findings     what was found (leaks redacted, rule matched, checks failed)
 */
public record OutputVerdict(String text, List<String> failures, Double groundedness, List<SafetyFinding> findings) {

    public OutputVerdict {
        failures = List.copyOf(failures);
        findings = List.copyOf(findings);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** Blocked content is refused at once; regenerating a blocked answer is not worth the risk. */
    public boolean blocked() {
        return failures.contains(OutputGuard.BLOCKED_CONTENT);
    }
}
