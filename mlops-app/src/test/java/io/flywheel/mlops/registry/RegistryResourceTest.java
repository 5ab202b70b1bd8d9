package io.flywheel.mlops.registry;

import static io.flywheel.mlops.registry.RegistryApi.createModel;
import static io.flywheel.mlops.registry.RegistryApi.stage;
import static io.flywheel.mlops.registry.RegistryApi.upload;
import static io.flywheel.mlops.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    @Inject
    RegistryConfig config;

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
                .body("lineage.created_by", equalTo("local-admin"))
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

    @Test
    void aModelIsCreatedOnceWithAValidNameAndKind() {
        createModel("fraud", "tabular-classifier").then().statusCode(201)
                .header("Location", containsString("/api/models/fraud"))
                .body("name", equalTo("fraud")).body("kind", equalTo("tabular-classifier"))
                .body("versions", equalTo(0)).body("latest_version", nullValue());
        createModel("fraud", "rag-index").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("exists already"));
        createModel("no spaces/allowed", "rag-index").then().statusCode(422).body("errors.field", hasItem("name"));
        createModel("fine-name", "spreadsheet").then().statusCode(422).body("errors.field", hasItem("kind"));
        given().contentType("application/json").body("{\"name\": ").when().post("/api/models").then()
                .statusCode(400).body("type", equalTo("urn:flywheel:problem:malformed-request"));
        given().queryParam("kind", "spreadsheet").when().get("/api/models").then().statusCode(422)
                .body("errors.field", hasItem("kind"));
    }

    @Test
    void unknownModelsVersionsAndAliasesAre404sNamingWhatIsMissing() {
        upload("known", TestArtifacts.tabular(4), "{\"kind\":\"tabular-classifier\"}").then().statusCode(201);

        given().when().get("/api/models/unknown").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no model named 'unknown'"));
        given().when().get("/api/models/unknown/versions").then().statusCode(404);
        version("unknown", 1).then().statusCode(404);
        version("known", 9).then().statusCode(404).body("detail", containsString("has no version 9"));
        version("known", "nightly").then().statusCode(404).body("detail", containsString("no alias 'nightly'"));
        given().when().get("/api/models/known/versions/9/artifact").then().statusCode(404)
                .contentType("application/problem+json");
        stage("known", 9, "Staging").then().statusCode(404);
        given().when().get("/api/models/unknown/events").then().statusCode(404);
    }

    @Test
    void anArtifactItsKindCannotReadIsRefusedAndNothingIsStored() {
        upload("broken", "{\"format\":\"something-else\"}".getBytes(), "{\"kind\":\"tabular-classifier\"}")
                .then().statusCode(422).body("type", equalTo("urn:flywheel:problem:invalid-artifact"));
        upload("broken", TestArtifacts.tabular(5), "{\"kind\":\"rag-index\"}").then().statusCode(422)
                .body("detail", containsString("rag-index"));
        upload("broken", TestArtifacts.ragIndex(2), "{\"kind\":\"assistant-config\"}").then().statusCode(422)
                .body("detail", containsString("assistant-config"));
        given().when().get("/api/models/broken").then().statusCode(404);
    }

    @Test
    void anArtifactOverTheSizeLimitIsA413AndNothingIsStored() {
        byte[] oversized = new byte[(int) config.maxArtifactSize().asLongValue() + 1];

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> registry.register(NewVersion.of(
                "oversized", ModelKind.TABULAR_CLASSIFIER, oversized), Attribution.api("tester", null))))
                .isInstanceOf(ProblemException.class).hasMessageContaining("flywheel.registry.max-artifact-size allows");
        given().when().get("/api/models/oversized").then().statusCode(404);
    }

    @Test
    void badMetadataIsA422NamingTheFieldAndAMismatchedKindA409() {
        upload("strict", TestArtifacts.tabular(6), "{\"kind\":\"tabular-classifier\",\"metrics\":{\"auc!\":1}}")
                .then().statusCode(422).body("errors.field", hasItem("metrics.auc!"));
        upload("strict", TestArtifacts.tabular(6), "{\"kind\":\"tabular-classifier\",\"dataset_sha256\":\"abc\","
                + "\"stage\":\"Production\",\"parent_version\":0}").then().statusCode(422)
                .body("errors.field", hasItem("dataset_sha256")).body("errors.field", hasItem("stage"))
                .body("errors.field", hasItem("parent_version"));
        upload("strict", TestArtifacts.tabular(6), "{\"kind\":\"tabular-classifier\",\"metrics\":{\"auc\":\"high\"}}")
                .then().statusCode(422).contentType("application/problem+json");
        upload("strict", TestArtifacts.tabular(6), "{\"kind\":\"tabular-classifier\",\"parent_version\":4}")
                .then().statusCode(422).body("errors.field", hasItem("parent_version"));
        upload("strict", TestArtifacts.tabular(6), null).then().statusCode(404)
                .body("detail", containsString("give its kind"));
        given().multiPart("metadata", "m.json", "{}".getBytes(), "application/json").when()
                .post("/api/models/strict/versions").then().statusCode(422).body("errors.field", hasItem("artifact"));

        upload("strict", TestArtifacts.tabular(6), "{\"kind\":\"tabular-classifier\"}").then().statusCode(201);
        upload("strict", TestArtifacts.ragIndex(3), "{\"kind\":\"rag-index\"}").then().statusCode(409)
                .body("detail", containsString("holds tabular-classifier versions"));
    }

    @Test
    void stagesMoveOnlyAlongTheLifecycleAndTheRefusalNamesTheRule() {
        upload("lifecycle", TestArtifacts.tabular(7), "{\"kind\":\"tabular-classifier\"}").then().statusCode(201);

        stage("lifecycle", 1, "Production").then().statusCode(409)
                .body("detail", containsString("v1 is in None, which moves only to Staging or Archived"));
        stage("lifecycle", 1, "Live").then().statusCode(422).contentType("application/problem+json");
        stage("lifecycle", 1, "Staging").then().statusCode(200).body("stage", equalTo("Staging"));
        stage("lifecycle", 1, "Staging").then().statusCode(200).body("stage", equalTo("Staging"));
        stage("lifecycle", 1, "None").then().statusCode(200).body("stage", equalTo("None"));
        stage("lifecycle", 1, "Archived").then().statusCode(200).body("stage", equalTo("Archived"));
        stage("lifecycle", 1, "None").then().statusCode(409).body("detail", containsString("restored to Staging"));
    }

    @Test
    void promotingASecondVersionArchivesTheFirstAndAnArchivedOneCanBeRestored() throws Throwable {
        for (long seed = 8; seed <= 9; seed++) {
            upload("rollback", TestArtifacts.tabular(seed), "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}")
                    .then().statusCode(201);
        }
        evaluate("rollback", 1, true);
        evaluate("rollback", 2, true);
        stage("rollback", 1, "Production").then().statusCode(200);

        stage("rollback", 2, "Production", false).then().statusCode(409)
                .body("detail", containsString("one Production version per model: v1 is in Production"));
        stage("rollback", 2, "Production").then().statusCode(200).body("aliases", contains("champion"));
        version("rollback", 1).then().body("stage", equalTo("Archived")).body("aliases", empty());

        stage("rollback", 1, "Production").then().statusCode(200).body("stage", equalTo("Production"));
        version("rollback", 2).then().body("stage", equalTo("Archived"));
        given().queryParam("stage", "Production").when().get("/api/models/rollback/versions").then()
                .statusCode(200).body("version", contains(1));
    }

    @Test
    void aFailedEvaluationKeepsAVersionOutOfProductionAndSaysWhy() throws Throwable {
        upload("gated", TestArtifacts.tabular(10), "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}")
                .then().statusCode(201);
        evaluate("gated", 1, false);

        stage("gated", 1, "Production").then().statusCode(409).body("detail", containsString("failed its evaluation"));
        version("gated", 1).then().body("evaluation.passed", equalTo(false)).body("evaluation.summary", equalTo("fail"))
                .body("evaluation.evaluated_by", equalTo("evaluate")).body("evaluation.details.auc", equalTo(0.9f));
    }

    @Test
    void archivingTheProductionVersionRetiresTheModelFromServing() throws Throwable {
        upload("retired", TestArtifacts.tabular(12), "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}")
                .then().statusCode(201);
        evaluate("retired", 1, true);
        stage("retired", 1, "Production").then().statusCode(200);
        given().when().get("/api/deployments").then().body("models.model", hasItem("retired"));

        stage("retired", 1, "Archived").then().statusCode(200);

        given().when().get("/api/models/retired").then().body("production_version", nullValue())
                .body("aliases.champion", nullValue());
        given().when().get("/api/deployments").then().body("models.model", not(hasItem("retired")));
    }

    @Test
    void aliasesPointAtVersionsMoveAsRecordedEventsAndNameVersionsInPaths() {
        for (long seed = 13; seed <= 14; seed++) {
            upload("aliased", TestArtifacts.tabular(seed), "{\"kind\":\"tabular-classifier\"}").then().statusCode(201);
        }
        alias("aliased", "challenger", "{\"version\":1,\"reason\":\"first try\"}").then().statusCode(200)
                .body("version", equalTo(1)).body("aliases", contains("challenger"));
        alias("aliased", "challenger", "{\"version\":2}").then().statusCode(200).body("version", equalTo(2));

        given().when().get("/api/models/aliased/aliases/challenger").then().statusCode(200).body("version", equalTo(2));
        version("aliased", "challenger").then().statusCode(200).body("version", equalTo(2));
        given().when().get("/api/models/aliased/versions/challenger/artifact").then().statusCode(200);
        given().when().get("/api/models/aliased").then().body("aliases.challenger", equalTo(2));
        given().when().get("/api/models/aliased/events").then().statusCode(200)
                .body("findAll { it.action == 'model.alias.set' }.details.to_version", contains(2, 1))
                .body("find { it.action == 'model.alias.set' && it.version == 1 }.reason", equalTo("first try"));

        alias("aliased", "champion", "{\"version\":1}").then().statusCode(409)
                .body("detail", containsString("follows the Production version"));
        alias("aliased", "Bad Alias", "{\"version\":1}").then().statusCode(422).body("errors.field", hasItem("alias"));
        alias("aliased", "7", "{\"version\":1}").then().statusCode(422);
        alias("aliased", "later", "{\"version\":5}").then().statusCode(404);
        alias("aliased", "later", "{}").then().statusCode(422).body("errors.field", hasItem("version"));

        given().when().delete("/api/models/aliased/aliases/challenger").then().statusCode(204);
        given().when().delete("/api/models/aliased/aliases/challenger").then().statusCode(404);
        version("aliased", "challenger").then().statusCode(404);
    }

    @Test
    void twoVersionsAreComparedMetricByMetricAndParamByParam() {
        upload("compared", TestArtifacts.tabular(15), "{\"kind\":\"tabular-classifier\",\"metrics\":{\"auc\":0.8,"
                + "\"f1\":0.6},\"params\":{\"algorithm\":\"rf\",\"trees\":\"100\"},\"dataset_sha256\":\""
                + "aa".repeat(32) + "\"}").then().statusCode(201);
        upload("compared", TestArtifacts.tabular(16), "{\"metrics\":{\"auc\":0.85,\"brier\":0.1},"
                + "\"params\":{\"algorithm\":\"gbt\",\"trees\":\"100\"},\"dataset_sha256\":\"" + "aa".repeat(32)
                + "\"}").then().statusCode(201);

        Response comparison = given().queryParam("base", 1).queryParam("candidate", 2).when()
                .get("/api/models/compared/comparison");
        comparison.then().statusCode(200)
                .body("base.version", equalTo(1)).body("candidate.version", equalTo(2))
                .body("metrics.name", contains("auc", "brier", "f1"))
                .body("metrics[0].base", equalTo(0.8f)).body("metrics[0].candidate", equalTo(0.85f))
                .body("metrics[1].base", nullValue()).body("metrics[1].delta", nullValue())
                .body("params.find { it.name == 'algorithm' }.changed", equalTo(true))
                .body("params.find { it.name == 'trees' }.changed", equalTo(false))
                .body("same_dataset", equalTo(true)).body("same_artifact", equalTo(false))
                .body("candidate.lineage.previous_version", equalTo(1));
        assertThat(comparison.jsonPath().getDouble("metrics[0].delta")).isCloseTo(0.05, within(1e-9));
        given().queryParam("base", 1).when().get("/api/models/compared/comparison").then().statusCode(422)
                .body("errors.field", hasItem("candidate"));
        given().queryParam("base", 1).queryParam("candidate", 3).when().get("/api/models/compared/comparison").then()
                .statusCode(404);
    }

    @Test
    void everyChangeIsInTheModelsHistoryWithWhoAndWhy() throws Throwable {
        upload("audited", TestArtifacts.tabular(17), "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}")
                .then().statusCode(201);
        evaluate("audited", 1, true);
        stage("audited", 1, "Production").then().statusCode(200);

        given().when().get("/api/models/audited/events").then().statusCode(200)
                .body("action", contains("deployment.stable", "model.alias.set", "model.version.stage-changed",
                        "model.version.evaluated", "model.version.registered", "model.created"))
                .body("find { it.action == 'model.version.stage-changed' }.actor", equalTo("local-admin"))
                .body("find { it.action == 'model.version.stage-changed' }.trigger", equalTo("api"))
                .body("find { it.action == 'model.version.stage-changed' }.reason", equalTo("test"))
                .body("find { it.action == 'model.version.stage-changed' }.details.to", equalTo("Production"))
                .body("find { it.action == 'model.version.evaluated' }.actor", equalTo("evaluate"));
        given().queryParam("target", "model:audited/1").when().get("/api/audit").then().statusCode(200)
                .body("action", contains("deployment.stable", "model.alias.set", "model.version.stage-changed",
                        "model.version.evaluated", "model.version.registered"))
                .body("find { it.action == 'model.version.stage-changed' }.reasoning", equalTo("test"))
                .body("outcome", everyItem(equalTo("succeeded")));
        given().when().get("/api/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void storedVersionsArtifactsAndHistoryCannotBeRewrittenEvenWithSql() throws Exception {
        upload("immutable", TestArtifacts.tabular(18), "{\"kind\":\"tabular-classifier\"}").then().statusCode(201);

        try (Connection connection = TestDatabase.shared().connect(); Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE mlops.model_version SET sha256 = repeat('0', 64) "
                    + "WHERE model = 'immutable'")).hasMessageContaining("immutable");
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE mlops.model_artifact SET bytes = '\\x00' WHERE "
                    + "version_id = (SELECT id FROM mlops.model_version WHERE model = 'immutable')"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM mlops.model_version WHERE model = 'immutable'"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM mlops.registry_event WHERE model = 'immutable'"))
                    .hasMessageContaining("immutable");
            assertThat(sql.executeUpdate("UPDATE mlops.model_version SET stage = 'Staging' WHERE model = 'immutable'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void concurrentPromotionsLeaveExactlyOneProductionVersion() throws Throwable {
        int versions = 4;
        for (int v = 1; v <= versions; v++) {
            upload("raced", TestArtifacts.tabular(20 + v), "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}")
                    .then().statusCode(201);
            evaluate("raced", v, true);
        }
        ExecutorService callers = Executors.newFixedThreadPool(versions);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int v = 1; v <= versions; v++) {
                int version = v;
                answers.add(callers.submit(() -> stage("raced", version, "Production").statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isIn(200, 409);
            }
        } finally {
            callers.shutdown();
        }
        given().queryParam("stage", "Production").when().get("/api/models/raced/versions").then()
                .body("size()", equalTo(1));
        given().when().get("/api/deployments").then()
                .body("models.find { it.model == 'raced' }.stable.version", equalTo(
                        given().when().get("/api/models/raced").jsonPath().getInt("production_version")));
    }

    private static Response alias(String model, String alias, String body) {
        return given().contentType("application/json").body(body).when()
                .put("/api/models/" + model + "/aliases/" + alias);
    }

    private void evaluate(String model, int version, boolean passed) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> registry.recordEvaluation(model, version, new EvaluationVerdict(
                passed, passed ? "pass" : "fail", null, Map.of("auc", 0.9)), Attribution.component("evaluate", "test")));
    }
}
