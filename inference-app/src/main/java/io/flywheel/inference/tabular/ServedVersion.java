package io.flywheel.inference.tabular;

import io.flywheel.shared.tabular.TabularModel;

/**
 * A model version loaded in this pod: verified, compiled and warmed up. Immutable; a request that holds it scores
 * with it to the end, whatever is swapped in meanwhile.
 *
 * @param model    the model name
 * @param version  the registry version (0 for a model served from a file)
 * @param sha256   the verified sha256 of its artifact
 * @param compiled the compiled scorer
 * @param metrics  its meters
 */
public record ServedVersion(String model, int version, String sha256, TabularModel compiled, VersionMetrics metrics) {

    /** The version as the protocol names it. */
    public String label() {
        return Integer.toString(version);
    }
}
