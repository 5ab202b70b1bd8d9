package io.flywheel.shared.deployment;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The serving state of one registered model: the stable version, and optionally a canary that receives
 * {@code canaryWeight} (0..1) of the traffic.
 *
 * @param model        registered model name, as used in {@code /v2/models/{name}/infer}
 * @param kind         {@code tabular-classifier}, {@code rag-index} or {@code assistant-config}
 * @param stable       the version serving the rest of the traffic; never {@code null}
 * @param canary       the version under trial, or {@code null}
 * @param canaryWeight share of traffic routed to the canary, 0 when there is none
 */
public record ModelDeployment(String model, String kind, DeployedVersion stable, DeployedVersion canary,
                              @JsonProperty("canary_weight") double canaryWeight) {

    public ModelDeployment {
        if (canaryWeight < 0 || canaryWeight > 1 || Double.isNaN(canaryWeight)) {
            throw new IllegalArgumentException("canary weight must be within 0..1, was " + canaryWeight);
        }
        if (canary == null && canaryWeight != 0) {
            throw new IllegalArgumentException("a canary weight needs a canary version");
        }
    }
}
