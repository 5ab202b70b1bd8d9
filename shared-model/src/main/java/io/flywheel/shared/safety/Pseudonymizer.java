package io.flywheel.shared.safety;

import java.util.List;
import java.util.Objects;

/** Replaces the personal data of a text by the stable pseudonyms of its conversation. Thread-safe. */
public final class Pseudonymizer {

    private final PiiDetector detector;

    public Pseudonymizer(PiiDetector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    /** The text with each finding replaced by its token in {@code table} (which learns the new values). */
    public Pseudonymized pseudonymize(String text, PseudonymTable table) {
        List<PiiFinding> findings = detector.detect(text);
        if (findings.isEmpty()) {
            return new Pseudonymized(text, findings);
        }
        StringBuilder replaced = new StringBuilder(text.length());
        int from = 0;
        for (PiiFinding finding : findings) {
            replaced.append(text, from, finding.start());
            replaced.append(table.tokenFor(finding.type(), finding.valueIn(text)));
            from = finding.end();
        }
        replaced.append(text, from, text.length());
        return new Pseudonymized(replaced.toString(), findings);
    }

    public PiiDetector detector() {
        return detector;
    }
}
