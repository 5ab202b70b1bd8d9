package io.flywheel.mlops.rollout;

import java.util.List;

/**
 * The body of {@code POST /api/rollouts}.
 *
 * @param model    the registered model
 * @param version  its Staging version with a passed evaluation
 * @param strategy {@code canary} (default) or {@code blue-green}
 * @param steps    canary weights, ascending in (0, 1], the last 1; default {@code flywheel.rollout.steps}
 * @param reason   why, recorded with every change
 */
public record RolloutRequest(String model, Integer version, String strategy, List<Double> steps, String reason) {
}
