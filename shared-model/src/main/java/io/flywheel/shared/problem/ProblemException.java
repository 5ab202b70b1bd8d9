package io.flywheel.shared.problem;

import java.time.Duration;
import java.util.List;

/** A failure that already knows the problem it must be reported as; each app's mapper renders it as is. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Duration retryAfter) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        this(Problem.of(type, detail, errors));
    }

    public Problem problem() {
        return problem;
    }

    /** The same problem, telling the client when to try again (429 and 503 send it as {@code Retry-After}). */
    public ProblemException withRetryAfter(Duration wait) {
        return new ProblemException(problem, wait);
    }

    /** How long the client should wait before retrying, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
