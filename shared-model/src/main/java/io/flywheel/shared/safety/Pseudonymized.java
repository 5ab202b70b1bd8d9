package io.flywheel.shared.safety;

import java.util.List;

/** A text with its personal data replaced by pseudonyms, and what was replaced (spans refer to the original text). */
public record Pseudonymized(String text, List<PiiFinding> findings) {

    public Pseudonymized {
        findings = List.copyOf(findings);
    }
}
