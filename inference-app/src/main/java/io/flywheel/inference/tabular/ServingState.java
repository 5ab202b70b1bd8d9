package io.flywheel.inference.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one model is served right now: the stable version, and a canary taking {@code canaryWeight} of the traffic (or
 * none). Immutable and swapped whole, so a request sees one consistent state.
 *
 * @param stable       the version serving the rest of the traffic
 * @param canary       the version under trial, or {@code null}
 * @param canaryWeight its share of the traffic, 0..1 (0 without a canary)
 */
public record ServingState(ServedVersion stable, ServedVersion canary, double canaryWeight) {

    /** Only a stable version. */
    public static ServingState of(ServedVersion stable) {
        return new ServingState(stable, null, 0);
    }

    /** The versions served, stable first. */
    public List<ServedVersion> versions() {
        List<ServedVersion> versions = new ArrayList<>(2);
        versions.add(stable);
        if (canary != null) {
            versions.add(canary);
        }
        return versions;
    }

    /** The served version of that number, if it is one of them. */
    public Optional<ServedVersion> version(String label) {
        return versions().stream().filter(version -> version.label().equals(label)).findFirst();
    }

    /** The served version (stable or canary) of this number and artifact, if it is one of them. */
    public Optional<ServedVersion> find(int version, String sha256) {
        return versions().stream()
                .filter(served -> served.version() == version && served.sha256().equalsIgnoreCase(sha256))
                .findFirst();
    }
}
