package io.flywheel.mlops.registry;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/** The registry's HTTP calls the tests make, named after what they do. */
final class RegistryApi {

    private RegistryApi() {
    }

    static Response createModel(String name, String kind) {
        return given().contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\",\"description\":\"a test model\"}")
                .when().post("/api/models");
    }

    /** Uploads a version: the artifact part and a metadata part (JSON, may be {@code null}). */
    static Response upload(String model, byte[] artifact, String metadata) {
        var request = given().multiPart("artifact", "artifact.bin", artifact, "application/octet-stream");
        if (metadata != null) {
            request = request.multiPart("metadata", "metadata.json", metadata.getBytes(), "application/json");
        }
        return request.when().post("/api/models/" + model + "/versions");
    }

    static Response stage(String model, int version, String stage) {
        return given().contentType("application/json").body("{\"stage\":\"" + stage + "\",\"reason\":\"test\"}")
                .when().post("/api/models/" + model + "/versions/" + version + "/stage");
    }

    static Response stage(String model, int version, String stage, boolean archiveExisting) {
        return given().contentType("application/json").body("{\"stage\":\"" + stage + "\",\"archive_existing\":"
                + archiveExisting + "}").when().post("/api/models/" + model + "/versions/" + version + "/stage");
    }

    static Response version(String model, Object version) {
        return given().when().get("/api/models/" + model + "/versions/" + version);
    }
}
