package io.flywheel.shared.safety;

import java.util.List;

/** How much a text looks like a prompt injection (0..1) and which rules said so. */
public record InjectionScore(double score, List<String> rules) {

    public static final InjectionScore NONE = new InjectionScore(0, List.of());

    public InjectionScore {
        rules = List.copyOf(rules);
    }

    /** Whether the score reaches the blocking threshold. */
    public boolean blocks(double threshold) {
        return !rules.isEmpty() && score >= threshold;
    }

    /** The higher of two scores, e.g. over the messages of a conversation. */
    public InjectionScore max(InjectionScore other) {
        return other.score > score ? other : this;
    }
}
