package io.flywheel.mlops.registry;

import static io.restassured.RestAssured.given;

import io.quarkus.vertx.VertxContextSupport;
import java.util.Map;

/** Puts an artifact in Production the way the loop does: upload as Staging, a passed verdict, promotion over HTTP. */
public final class Promotion {

    private Promotion() {
    }

    /** The model's first version, in Production; the model must not exist yet. */
    public static void firstVersionToProduction(RegistryService registry, String model, byte[] artifact)
            throws Throwable {
        given().multiPart("artifact", "model.json", artifact, "application/octet-stream")
                .multiPart("metadata", "m.json", "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}".getBytes(),
                        "application/json")
                .when().post("/api/models/" + model + "/versions").then().statusCode(201);
        VertxContextSupport.subscribeAndAwait(() -> registry.recordEvaluation(model, 1,
                new EvaluationVerdict(true, "pass", null, Map.of()), Attribution.component("evaluate", "test")));
        given().contentType("application/json").body("{\"stage\":\"Production\"}").when()
                .post("/api/models/" + model + "/versions/1/stage").then().statusCode(200);
    }
}
