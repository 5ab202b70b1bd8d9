package io.flywheel.inference.problem;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.flywheel.shared.problem.Problem;

/**
 * A problem on {@code /v2} carries, besides the RFC 9457 fields, the Open Inference Protocol's own {@code error}
 * string (its error object), so that V2 clients such as Triton's show the detail rather than a decoding failure.
 *
 * @param problem the problem
 * @param error   its detail, as the protocol names it
 */
public record OpenInferenceProblem(@JsonUnwrapped Problem problem, String error) {

    static OpenInferenceProblem of(Problem problem) {
        return new OpenInferenceProblem(problem, problem.detail());
    }
}
