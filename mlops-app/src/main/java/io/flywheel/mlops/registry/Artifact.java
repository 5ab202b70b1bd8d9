package io.flywheel.mlops.registry;

/** The bytes of one version's artifact with their sha256 (what the evaluation gates and exports read). */
public record Artifact(String model, int version, String sha256, byte[] bytes) {
}
