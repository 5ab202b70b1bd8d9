package io.flywheel.shared.deployment;

/**
 * One model version as a pod needs it to load it: its number, the sha256 of its artifact bytes (checked before the
 * version is swapped in) and the path of those bytes on mlops-app.
 *
 * @param version  the registry's version number (1, 2, ...)
 * @param sha256   lower-case hex sha256 of the artifact
 * @param artifact path on mlops-app, e.g. {@code /api/models/credit-risk/versions/3/artifact}
 */
public record DeployedVersion(int version, String sha256, String artifact) {
}
