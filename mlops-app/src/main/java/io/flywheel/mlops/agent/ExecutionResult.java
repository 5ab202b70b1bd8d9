package io.flywheel.mlops.agent;

import java.util.Map;

/**
 * How an execution ended.
 *
 * @param status  {@link ActionStatus#SUCCEEDED}, {@link ActionStatus#FAILED} or {@link ActionStatus#UNAVAILABLE}
 * @param summary what happened, in words
 * @param before  the metrics the action meant to change, measured before it
 * @param after   the same metrics after it
 */
public record ExecutionResult(ActionStatus status, String summary, Map<String, Object> before,
                              Map<String, Object> after) {

    public ExecutionResult {
        before = before == null ? Map.of() : before;
        after = after == null ? Map.of() : after;
    }

    public static ExecutionResult succeeded(String summary, Map<String, Object> before, Map<String, Object> after) {
        return new ExecutionResult(ActionStatus.SUCCEEDED, summary, before, after);
    }

    public static ExecutionResult failed(String summary) {
        return new ExecutionResult(ActionStatus.FAILED, summary, Map.of(), Map.of());
    }

    public static ExecutionResult unavailable(String summary) {
        return new ExecutionResult(ActionStatus.UNAVAILABLE, summary, Map.of(), Map.of());
    }
}
