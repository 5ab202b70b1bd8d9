package io.flywheel.mlops.registry;

import static io.flywheel.mlops.registry.RegistryApi.createModel;
import static io.flywheel.mlops.registry.RegistryApi.stage;
import static io.flywheel.mlops.registry.RegistryApi.upload;
import static io.flywheel.mlops.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.shared.hashing.Sha256;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class RegistryResourceTest {

    private static final String LINEAGE = "{\"kind\":\"tabular-classifier\",\"description\":\"first cut\","
            + "\"metrics\":{\"auc\":0.91,\"f1\":0.8},\"params\":{\"algorithm\":\"logistic-regression\",\"seed\":\"7\"},"
            + "\"details\":{\"confusion_matrix\":[[50,3],[4,30]]},\"dataset_sha256\":\"" + "ab".repeat(32) + "\","
            + "\"code_version\":\"git:1234abc\",\"stage\":\"Staging\"}";

    @Inject
    RegistryService registry;

    @Test
    void anUploadedArtifactBecomesVersionOneWithItsMetricsParamsAndLineage() {
        byte[] artifact = TestArtifacts.tabular(1);

        upload("credit-upload", artifact, LINEAGE).then().statusCode(201)
                .header("Location", containsString("/api/models/credit-upload/versions/1"))
                .body("model", equalTo("credit-upload"))
                .body("version", equalTo(1))
                .body("kind", equalTo("tabular-classifier"))
                .body("stage", equalTo("Staging"))
                .body("artifact.sha256", equalTo(Sha256.hex(artifact)))
                .body("artifact.size", equalTo(artifact.length))
                .body("artifact.path", equalTo("/api/models/credit-upload/versions/1/artifact"))
                .body("metrics.auc", equalTo(0.91f))
                .body("params.algorithm", equalTo("logistic-regression"))
                .body("details.confusion_matrix[0][1]", equalTo(3))
                .body("lineage.dataset_sha256", equalTo("ab".repeat(32)))
                .body("lineage.code_version", equalTo("git:1234abc"))
                .body("lineage.created_by", equalTo("anonymous"))
                .body("lineage.created_through", equalTo("api"))
                .body("lineage.previous_version", nullValue())
                .body("evaluation", nullValue());

        version("credit-upload", 1).then().statusCode(200).body("metrics.f1", equalTo(0.8f));
        given().when().get("/api/models/credit-upload").then().statusCode(200)
                .body("kind", equalTo("tabular-classifier")).body("latest_version", equalTo(1))
                .body("versions", equalTo(1)).body("production_version", nullValue());
    }

    @Test
    void theArtifactIsServedWithItsSha256AsETagAndAnUnchangedOneCostsA304() {
        byte[] artifact = TestArtifacts.tabular(2);
        upload("credit-etag", artifact, "{\"kind\":\"tabular-classifier\"}").then().statusCode(201);
        String etag = "\"" + Sha256.hex(artifact) + "\"";

        Response served = given().when().get("/api/models/credit-etag/versions/1/artifact");
        served.then().statusCode(200).contentType("application/octet-stream").header("ETag", etag)
                .header("Content-Length", String.valueOf(artifact.length));
        assertThat(served.asByteArray()).isEqualTo(artifact);

        given().header("If-None-Match", etag).when().get("/api/models/credit-etag/versions/1/artifact").then()
                .statusCode(304).header("ETag", etag);
        given().header("If-None-Match", "\"" + "00".repeat(32) + "\"").when()
                .get("/api/models/credit-etag/versions/1/artifact").then().statusCode(200);
    }

    @Test
    void versionsOfEveryKindShareOneLifecycle() {
        upload("faq-index", TestArtifacts.ragIndex(1), "{\"kind\":\"rag-index\"}").then().statusCode(201)
                .body("kind", equalTo("rag-index")).body("stage", equalTo("None"));
        upload("assistant", TestArtifacts.assistantConfig(0.2), "{\"kind\":\"assistant-config\"}").then()
                .statusCode(201).body("kind", equalTo("assistant-config"));
        upload("assistant", TestArtifacts.assistantConfig(0.3), null).then().statusCode(201)
                .body("version", equalTo(2)).body("lineage.previous_version", equalTo(1));

        stage("assistant", 2, "Staging").then().statusCode(200).body("stage", equalTo("Staging"));
        given().queryParam("kind", "assistant-config").when().get("/api/models").then().statusCode(200)
                .body("name", contains("assistant"));
    }

    @Test
    void aPassedEvaluationLetsAStagingVersionReachProductionWhereItBecomesChampion() throws Throwable {
        upload("churn", TestArtifacts.tabular(3), "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}")
                .then().statusCode(201);
        stage("churn", 1, "Production").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("passed evaluation"));

        evaluate("churn", 1, true);
        stage("churn", 1, "Production").then().statusCode(200).body("stage", equalTo("Production"))
                .body("aliases", contains("champion"));
        given().when().get("/api/models/churn").then().body("production_version", equalTo(1))
                .body("aliases.champion", equalTo(1));
    }

    private void evaluate(String model, int version, boolean passed) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> registry.recordEvaluation(model, version, new EvaluationVerdict(
                passed, passed ? "pass" : "fail", null, Map.of("auc", 0.9)), Attribution.component("evaluate", "test")));
    }
}
