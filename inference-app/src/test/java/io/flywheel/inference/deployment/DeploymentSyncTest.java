package io.flywheel.inference.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.FakeMlops;
import io.flywheel.inference.FakeMlopsResource;
import io.flywheel.inference.ScrapedMetrics;
import io.flywheel.inference.assistant.ActiveAssistantConfig;
import io.flywheel.inference.assistant.ServedConfig;
import io.flywheel.inference.retrieval.ActiveIndex;
import io.flywheel.inference.retrieval.QueryEmbedder;
import io.flywheel.inference.retrieval.ServedIndex;
import io.flywheel.inference.tabular.Await;
import io.flywheel.inference.tabular.LendingClub;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.AssistantConfigCodec;
import io.flywheel.shared.retrieval.Chunk;
import io.flywheel.shared.retrieval.ChunkingParams;
import io.flywheel.shared.retrieval.RagIndex;
import io.flywheel.shared.retrieval.RagIndexCodec;
import io.flywheel.shared.retrieval.SourceDocument;
import io.flywheel.shared.retrieval.VectorIndex;
import io.flywheel.testing.FakeMlopsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deployment sync against a faithful mlops-app: versions that fail a check are refused and the served one stays;
 * mlops-app down, failing or slow changes nothing that is served, and readiness stays up; when it answers again the
 * pod catches up; a weight change or a promotion reuses loaded versions; an unchanged state costs a 304; the other
 * kinds reach their loaders.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeMlopsResource.class)
class DeploymentSyncTest {

    private static final String KIND = LendingClub.KIND;

    @FakeMlops
    FakeMlopsApp mlops;
    @Inject
    ActiveAssistantConfig assistantConfig;
    @Inject
    ActiveIndex index;
    @Inject
    QueryEmbedder embedder;

    @AfterEach
    void mlopsIsHealthy() {
        mlops.heal();
        mlops.restart();
    }

    private void servingVersionOne(String model, byte[] artifact) {
        mlops.deploy(model, KIND, LendingClub.version(1, artifact));
        Await.serving(model, "1");
    }

    private static void inferAnswers(String model, String version) {
        given().contentType("application/json").body(LendingClub.json(LendingClub.request(1))).when()
                .post("/v2/models/" + model + "/infer").then().statusCode(200).body("model_version", equalTo(version));
    }

    @Test
    void aVersionWhoseBytesDoNotMatchTheirSha256IsRefusedAndTheServedOneStays() {
        String model = "sync-tampered";
        servingVersionOne(model, LendingClub.logisticRegression(61));
        double refused = ScrapedMetrics.sum("flywheel_deployments_refused_total");

        mlops.tamper(model, 2, LendingClub.boostedTrees(62));
        mlops.deploy(model, KIND, LendingClub.version(2, LendingClub.logisticRegression(63)));
        ScrapedMetrics.awaitAbove("flywheel_deployments_refused_total", refused);

        inferAnswers(model, "1");
        given().when().get("/v2/models/" + model).then().body("versions", equalTo(List.of("1")));
    }

    @Test
    void bytesThatAreNotAModelAreRefusedAndAModelWithoutAServableVersionAnswers503() {
        String model = "sync-garbage";
        double refused = ScrapedMetrics.sum("flywheel_deployments_refused_total");

        mlops.deploy(model, KIND, LendingClub.version(1, "{\"format\":\"flywheel.tabular-classifier\"}".getBytes()));
        ScrapedMetrics.awaitAbove("flywheel_deployments_refused_total", refused);

        given().contentType("application/json").body(LendingClub.json(LendingClub.request(1))).when()
                .post("/v2/models/" + model + "/infer").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "1")
                .body("detail", containsString("no version loaded"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'deployments' }.data.'model sync-garbage'",
                        containsString("unavailable"));
        mlops.undeploy(model);
    }

    @Test
    void mlopsAppDownLeavesServingAndReadinessAsTheyWereAndThePodCatchesUpWhenItReturns() {
        String model = "sync-outage";
        servingVersionOne(model, LendingClub.randomForest(71));
        double failures = ScrapedMetrics.sum("flywheel_deployments_poll_failures_total");

        mlops.stop();
        ScrapedMetrics.awaitAbove("flywheel_deployments_poll_failures_total", failures + 2);
        inferAnswers(model, "1");
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'deployments' }.data.'mlops-app unreachable'", containsString(""));
        given().when().get("/v2/health/ready").then().statusCode(200);

        mlops.deploy(model, KIND, LendingClub.version(2, LendingClub.logisticRegression(72)));
        mlops.restart();
        Await.serving(model, "2");
        inferAnswers(model, "2");
    }

    @Test
    void anMlopsAppThatFailsOrAnswersTooLateChangesNothingServed() {
        String model = "sync-failing";
        servingVersionOne(model, LendingClub.logisticRegression(81));

        double failures = ScrapedMetrics.sum("flywheel_deployments_poll_failures_total");
        mlops.failWith(503);
        ScrapedMetrics.awaitAbove("flywheel_deployments_poll_failures_total", failures + 1);
        inferAnswers(model, "1");

        failures = ScrapedMetrics.sum("flywheel_deployments_poll_failures_total");
        mlops.heal();
        mlops.delay(Duration.ofSeconds(3)); // beyond the 2 s timeout of a poll
        ScrapedMetrics.awaitAbove("flywheel_deployments_poll_failures_total", failures);
        inferAnswers(model, "1");

        mlops.heal();
        mlops.deploy(model, KIND, LendingClub.version(2, LendingClub.boostedTrees(82)));
        Await.serving(model, "2");
    }

    @Test
    void aNewWeightOrAPromotedCanaryIsServedWithoutFetchingAnythingAgain() {
        String model = "sync-weights";
        FakeMlopsApp.Version one = LendingClub.version(1, LendingClub.logisticRegression(91));
        FakeMlopsApp.Version two = LendingClub.version(2, LendingClub.boostedTrees(92));
        mlops.deploy(model, KIND, one, two, 0.1);
        Await.serving(model, "1", "2");
        int fetched = mlops.requestCount("/api/models/" + model);

        mlops.deploy(model, KIND, one, two, 0.5);
        Await.until("/q/health/ready", answer -> answer.asString().contains("canary v2 at 0.5"));
        mlops.deploy(model, KIND, two);
        Await.serving(model, "2");

        assertThat(mlops.requestCount("/api/models/" + model)).isEqualTo(fetched);
        inferAnswers(model, "2");
    }

    @Test
    void anUndeployedModelIsUnloadedWithItsMetrics() {
        String model = "sync-undeployed";
        servingVersionOne(model, LendingClub.logisticRegression(101));
        inferAnswers(model, "1");
        assertThat(given().when().get("/q/metrics").then().extract().asString()).contains("model=\"" + model + "\"");

        mlops.undeploy(model);
        Await.notServing(model);

        assertThat(given().when().get("/q/metrics").then().extract().asString())
                .doesNotContain("version=\"1\",model=\"" + model + "\"")
                .doesNotContain("flywheel_inference_latency_seconds_count{model=\"" + model + "\"");
    }

    @Test
    void anUnchangedStateCostsA304() {
        int before = mlops.notModifiedCount();
        Await.pause(Duration.ofSeconds(1));
        assertThat(mlops.notModifiedCount()).isGreaterThan(before);
    }

    @Test
    void anAssistantConfigVersionReachesTheAssistantAndARagIndexVersionReachesRetrieval() {
        ServedConfig builtIn = assistantConfig.current();
        Optional<ServedIndex> previousIndex = index.current();
        try {
            byte[] config = AssistantConfigCodec.write(AssistantConfig.defaults());
            mlops.deploy("assistant", "assistant-config", new FakeMlopsApp.Version(5, config));
            mlops.deploy("assistant-index", "rag-index", new FakeMlopsApp.Version(7, ragIndex()));
            Await.until("/v1/models", answer -> answer.asString().contains("\"5\""));
            Await.until("/q/health/ready", answer -> answer.asString().contains("assistant-index v7"));
            assertThat(assistantConfig.current().version()).isEqualTo("5");
            assertThat(index.current()).get().extracting(ServedIndex::version).isEqualTo(7);
        } finally {
            mlops.undeploy("assistant");
            mlops.undeploy("assistant-index");
            assistantConfig.swap(builtIn);
            previousIndex.ifPresent(index::swap);
        }
    }

    private byte[] ragIndex() {
        int dimension = embedder.id().dimension();
        float[] vectors = new float[dimension];
        vectors[0] = 1;
        String text = "Flywheel serves models over the Open Inference Protocol.";
        return RagIndexCodec.write(new RagIndex(embedder.id().id(), ChunkingParams.DEFAULT,
                List.of(new SourceDocument("serving.md", "0".repeat(64), text.length())),
                List.of(new Chunk("serving.md", "serving.md#0", "", 0, text.length(), text)),
                VectorIndex.normalising(vectors, dimension)));
    }
}
