package io.flywheel.mlops.agent;

import io.flywheel.shared.problem.Problem.FieldError;
import java.util.List;
import java.util.Map;

/**
 * Carries out one type of action. Implementations are {@code @ApplicationScoped} beans, found by {@link #type()}; an
 * action type without one is recorded as {@link ActionStatus#UNAVAILABLE}, never pretended. {@link #execute} runs on the
 * agent's own worker threads (never the event loop), so it may block, within the configured execution timeout.
 */
public interface ActionExecutor {

    ActionType type();

    /** Checks the parameters of a requested action before it is recorded; each problem names its parameter. */
    default List<FieldError> validate(String target, Map<String, Object> parameters) {
        return List.of();
    }

    /** Does the work and reports what changed; throwing records the action as failed with the message. */
    ExecutionResult execute(ActionRequest request) throws Exception;
}
