package io.flywheel.shared.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Removes personal data an answer brings in that was not in what the model was given. Pseudonym tokens are not
 * personal data and pass; values that were in the prompt (e.g. a support address quoted by a retrieved passage)
 * pass too; anything else is replaced by {@code [EMAIL REDACTED]} and reported. Thread-safe.
 */
public final class LeakRedactor {

    private final PiiDetector detector;

    public LeakRedactor(PiiDetector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    /** The answer without the personal data that {@code prompt} did not contain. */
    public Redaction redact(String answer, String prompt) {
        List<PiiFinding> inAnswer = detector.detect(answer);
        if (inAnswer.isEmpty()) {
            return new Redaction(answer, List.of());
        }
        PseudonymTable known = new PseudonymTable();
        for (PiiFinding finding : detector.detect(prompt)) {
            known.tokenFor(finding.type(), finding.valueIn(prompt));
        }
        List<PiiFinding> leaked = new ArrayList<>();
        StringBuilder redacted = new StringBuilder(answer.length());
        int from = 0;
        for (PiiFinding finding : inAnswer) {
            if (known.knows(finding.type(), finding.valueIn(answer))) {
                continue;
            }
            leaked.add(finding);
            redacted.append(answer, from, finding.start()).append('[').append(finding.type().label())
                    .append(" REDACTED]");
            from = finding.end();
        }
        redacted.append(answer, from, answer.length());
        return new Redaction(redacted.toString(), leaked);
    }

    /** An answer after redaction and what was removed from it (spans refer to the answer before redaction). */
    public record Redaction(String text, List<PiiFinding> leaked) {
        public Redaction {
            leaked = List.copyOf(leaked);
        }

        public boolean redactedAnything() {
            return !leaked.isEmpty();
        }
    }
}
