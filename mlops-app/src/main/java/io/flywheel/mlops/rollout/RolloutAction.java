package io.flywheel.mlops.rollout;

/**
 * The optional body of a manual action on a rollout (pause, resume, promote, abort).
 *
 * @param reason why, recorded with the action
 */
public record RolloutAction(String reason) {
}
