package io.flywheel.shared.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * The quality gate every generated answer passes before a client sees it: not empty, not longer than allowed, and —
 * when there are sources to be grounded in — grounded in them at least at the configured level. Thread-safe.
 */
public final class AnswerValidator {

    /** Failure reasons, stable strings reported in the response and the metrics. */
    public static final String EMPTY = "empty";
    public static final String TOO_LONG = "too-long";
    public static final String UNGROUNDED = "ungrounded";

    private final Groundedness groundedness;

    public AnswerValidator(Groundedness groundedness) {
        this.groundedness = groundedness;
    }

    /**
     * @param maxChars        the longest acceptable answer
     * @param minGroundedness the least acceptable groundedness (0 turns the check off)
     * @param sources         what the answer must be grounded in; with none, groundedness is not checked
     */
    public Check check(String answer, int maxChars, double minGroundedness, List<String> sources) {
        List<String> failures = new ArrayList<>();
        if (answer == null || answer.isBlank()) {
            return new Check(List.of(EMPTY), null);
        }
        if (answer.length() > maxChars) {
            failures.add(TOO_LONG);
        }
        Double grounded = null;
        if (!sources.isEmpty()) {
            grounded = groundedness.score(answer, sources).value();
            if (grounded < minGroundedness) {
                failures.add(UNGROUNDED);
            }
        }
        return new Check(failures, grounded);
    }

    /** The outcome: the failed checks (empty when the answer passes) and the groundedness, if it was measured. */
    public record Check(List<String> failures, Double groundedness) {
        public Check {
            failures = List.copyOf(failures);
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }
}
