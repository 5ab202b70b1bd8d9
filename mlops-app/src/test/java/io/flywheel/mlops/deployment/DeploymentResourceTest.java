package io.flywheel.mlops.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.EvaluationVerdict;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.TestArtifacts;
import io.flywheel.shared.deployment.ModelDeployment;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.problem.ProblemException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class DeploymentResourceTest {

    private static final Attribution ROLLOUT = Attribution.component("rollout", "canary step");

    @Inject
    DeploymentService deployments;
    @Inject
    RegistryService registry;

    @Test
    void anUnchangedStateCostsA304AndEveryChangeGrowsTheRevisionAndTheETag() throws Throwable {
        Response before = given().when().get("/api/deployments");
        before.then().statusCode(200).contentType("application/json");
        String etag = before.getHeader("ETag");
        long revision = before.jsonPath().getLong("revision");
        assertThat(etag).isEqualTo("\"deployments-" + revision + "\"");
        given().header("If-None-Match", etag).when().get("/api/deployments").then().statusCode(304)
                .header("ETag", etag);

        byte[] artifact = TestArtifacts.tabular(31);
        promoteFirstVersion("served", artifact);

        Response after = given().header("If-None-Match", etag).when().get("/api/deployments");
        after.then().statusCode(200)
                .body("models.find { it.model == 'served' }.kind", equalTo("tabular-classifier"))
                .body("models.find { it.model == 'served' }.stable.version", equalTo(1))
                .body("models.find { it.model == 'served' }.stable.sha256", equalTo(Sha256.hex(artifact)))
                .body("models.find { it.model == 'served' }.stable.artifact",
                        equalTo("/api/models/served/versions/1/artifact"))
                .body("models.find { it.model == 'served' }.canary", nullValue())
                .body("models.find { it.model == 'served' }.canary_weight", equalTo(0.0f));
        assertThat(after.jsonPath().getLong("revision")).isGreaterThan(revision);
        assertThat(after.getHeader("ETag")).isNotEqualTo(etag);
    }

    @Test
    void aCanaryIsSetSteppedAndPromotedThroughTheServiceAndPublishedEachTime() throws Throwable {
        promoteFirstVersion("canaried", TestArtifacts.tabular(32));
        registerEvaluatedStaging("canaried", TestArtifacts.tabular(33), true);
        long start = revision();

        ModelDeployment fivePercent = call(() -> deployments.setCanary("canaried", 2, 0.05, ROLLOUT));
        assertThat(fivePercent.canary().version()).isEqualTo(2);
        assertThat(fivePercent.canaryWeight()).isEqualTo(0.05);
        long afterSet = revision();
        assertThat(afterSet).isGreaterThan(start);
        given().when().get("/api/deployments").then()
                .body("models.find { it.model == 'canaried' }.canary.version", equalTo(2))
                .body("models.find { it.model == 'canaried' }.canary_weight", equalTo(0.05f));

        call(() -> deployments.setCanary("canaried", 2, 0.05, ROLLOUT));
        assertThat(revision()).as("the same weight again changes nothing").isEqualTo(afterSet);
        call(() -> deployments.setCanary("canaried", 2, 0.5, ROLLOUT));
        assertThat(revision()).isGreaterThan(afterSet);

        ModelDeployment promoted = call(() -> deployments.promoteCanary("canaried", ROLLOUT));
        assertThat(promoted.stable().version()).isEqualTo(2);
        assertThat(promoted.canary()).isNull();
        given().when().get("/api/models/canaried").then().body("production_version", equalTo(2))
                .body("aliases.champion", equalTo(2));
        given().when().get("/api/models/canaried/versions/1").then().body("stage", equalTo("Archived"));
        given().when().get("/api/models/canaried/events").then()
                .body("find { it.action == 'deployment.canary-promoted' }.actor", equalTo("rollout"));
    }

    @Test
    void clearingTheCanarySendsAllTrafficBackToStableAndClearingAgainChangesNothing() throws Throwable {
        promoteFirstVersion("rolled-back", TestArtifacts.tabular(34));
        registerEvaluatedStaging("rolled-back", TestArtifacts.tabular(35), true);
        call(() -> deployments.setCanary("rolled-back", 2, 0.25, ROLLOUT));

        ModelDeployment cleared = call(() -> deployments.clearCanary("rolled-back", ROLLOUT.because("error rate")));
        assertThat(cleared.canary()).isNull();
        assertThat(cleared.stable().version()).isEqualTo(1);
        long revision = revision();
        call(() -> deployments.clearCanary("rolled-back", ROLLOUT));
        assertThat(revision()).isEqualTo(revision);
        given().when().get("/api/models/rolled-back/versions/2").then().body("stage", equalTo("Staging"));
    }

    @Test
    void aCanaryNeedsAStableVersionAPassedEvaluationAStagingVersionAndNoOtherCanary() throws Throwable {
        registerEvaluatedStaging("unserved", TestArtifacts.tabular(36), true);
        assertRefused(() -> deployments.setCanary("unserved", 1, 0.1, ROLLOUT), "has no stable version");

        promoteFirstVersion("guarded", TestArtifacts.tabular(37));
        registerEvaluatedStaging("guarded", TestArtifacts.tabular(38), false);
        registerEvaluatedStaging("guarded", TestArtifacts.tabular(39), true);
        assertRefused(() -> deployments.setCanary("guarded", 2, 0.1, ROLLOUT), "passed evaluation");
        assertRefused(() -> deployments.setCanary("guarded", 1, 0.1, ROLLOUT), "is the stable version");
        assertRefused(() -> deployments.setCanary("guarded", 3, 1.5, ROLLOUT), "between 0 and 1");
        assertRefused(() -> deployments.setCanary("guarded", 9, 0.1, ROLLOUT), "has no version 9");
        assertRefused(() -> deployments.promoteCanary("guarded", ROLLOUT), "no canary to promote");

        call(() -> deployments.setCanary("guarded", 3, 0.1, ROLLOUT));
        call(() -> registry.recordEvaluation("guarded", 2, new EvaluationVerdict(true, "pass", 1, Map.of()), ROLLOUT));
        assertRefused(() -> deployments.setCanary("guarded", 2, 0.1, ROLLOUT), "v3 is in canary rollout");
        given().contentType("application/json").body("{\"stage\":\"Production\"}").when()
                .post("/api/models/guarded/versions/2/stage").then().statusCode(409);
        given().contentType("application/json").body("{\"stage\":\"Archived\"}").when()
                .post("/api/models/guarded/versions/3/stage").then().statusCode(409);
        given().contentType("application/json").body("{\"stage\":\"Archived\"}").when()
                .post("/api/models/guarded/versions/1/stage").then().statusCode(409);
    }

    private void promoteFirstVersion(String model, byte[] artifact) throws Throwable {
        registerEvaluatedStaging(model, artifact, true);
        given().contentType("application/json").body("{\"stage\":\"Production\"}").when()
                .post("/api/models/" + model + "/versions/1/stage").then().statusCode(200);
    }

    private void registerEvaluatedStaging(String model, byte[] artifact, boolean passed) throws Throwable {
        int version = given().multiPart("artifact", "a.bin", artifact, "application/octet-stream")
                .multiPart("metadata", "m.json", "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}".getBytes(),
                        "application/json")
                .when().post("/api/models/" + model + "/versions").then().statusCode(201).extract().path("version");
        call(() -> registry.recordEvaluation(model, version, new EvaluationVerdict(passed, passed ? "pass" : "fail",
                null, Map.of()), Attribution.component("evaluate", "test")));
    }

    private long revision() throws Throwable {
        return call(deployments::revision);
    }

    private static <T> T call(Supplier<Uni<T>> action) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(action);
    }

    private static void assertRefused(Supplier<Uni<ModelDeployment>> action, String rule) {
        assertThatThrownBy(() -> call(action)).isInstanceOf(ProblemException.class).hasMessageContaining(rule);
    }
}
