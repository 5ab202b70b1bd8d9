package io.flywheel.mlops.registry;

/**
 * A version's artifact as lists show it: its content hash, its size and where its bytes are.
 *
 * @param sha256 lower-case hex sha256 of the bytes, also their ETag
 * @param size   bytes
 * @param path   {@code /api/models/{name}/versions/{v}/artifact}
 */
public record ArtifactRef(String sha256, long size, String path) {

    /** Where the bytes of a version's artifact are served. */
    public static String path(String model, int version) {
        return "/api/models/" + model + "/versions/" + version + "/artifact";
    }
}
