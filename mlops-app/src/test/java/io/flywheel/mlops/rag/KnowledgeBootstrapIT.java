package io.flywheel.mlops.rag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.PackagedMlops;
import io.flywheel.mlops.documents.KnowledgeCorpus;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A fresh platform seeds itself: the packaged mlops-app, started on an empty database as {@code ./flywheel up} starts
 * it, runs {@code knowledge-bootstrap} by itself; the shipped FAQ becomes the knowledge base and the golden set, the
 * first {@code rag-index} and the default {@code assistant-config} are registered with their lineage, pass the golden
 * gate and reach Production — and the packaged inference-app, pointed at it, serves both. A second run leaves it as
 * it is.
 */
class KnowledgeBootstrapIT {

    private static final Path INFERENCE_JAR = Path.of("..", "inference-app", "target", "quarkus-app",
            "quarkus-run.jar");
    private static final Duration BOOTSTRAP_WITHIN = Duration.ofMinutes(10);
    private static final String INDEX = "assistant-index";
    private static final String ASSISTANT = "assistant";
    private static final List<String> UNFINISHED = List.of("queued", "running");

    @Test
    void anEmptyPlatformSeedsItsKnowledgeJudgesItAndServesIt() {
        Map<String, String> database = TestDatabase.shared()
                .freshDatabase("bootstrap_" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> settings = new HashMap<>(database);
        settings.put("flywheel.reindex.seed-corpus", "true");
        settings.put("flywheel.jobs.cron-enabled", "false");
        try (AppProcess mlops = PackagedMlops.start("knowledge-bootstrap", AppProcess.freePort(), settings)) {
            JsonPath run = Eventually.until(() -> api(mlops).get("/api/jobs/runs?job=" + KnowledgeBootstrapJob.NAME)
                            .then().statusCode(200).extract().jsonPath(),
                    runs -> runs.getInt("total") == 1 && !UNFINISHED.contains(runs.getString("runs[0].status")),
                    BOOTSTRAP_WITHIN, "the knowledge-bootstrap run submitted at start");
            assertThat(run.getString("runs[0].status")).as(run.prettify()).isEqualTo("succeeded");
            assertThat(run.getString("runs[0].trigger")).isEqualTo("startup");
            String runId = run.getString("runs[0].id");
            Map<String, Object> outputs = run.getMap("runs[0].outputs");
            int corpus = KnowledgeCorpus.documents().size();
            assertThat(outputs).containsEntry("seeded", true).containsEntry("documents", corpus)
                    .containsEntry("index", INDEX + " v1 in Production")
                    .containsEntry("assistant_config", ASSISTANT + " v1 in Production");
            int golden = ((Number) outputs.get("golden_questions_added")).intValue();
            assertThat(golden).isGreaterThan(100);
            assertThat(api(mlops).get("/api/documents").then().statusCode(200).extract().jsonPath()
                    .getList("$")).hasSize(corpus);

            JsonPath index = version(mlops, INDEX, 1);
            assertThat(index.getString("kind")).isEqualTo("rag-index");
            assertThat(index.getString("stage")).isEqualTo("Production");
            assertThat(index.getString("lineage.run_id")).isEqualTo(runId);
            assertThat(index.getString("lineage.dataset_sha256")).matches("[0-9a-f]{64}");
            assertThat(index.getString("params.chunk_size")).isEqualTo("800");
            assertThat(index.getBoolean("evaluation.passed")).as(index.prettify()).isTrue();
            assertThat(index.getInt("evaluation.details.golden_questions")).isEqualTo(golden);
            double hitRate = index.getDouble("evaluation.details.candidate.hit_rate_at5");
            double mrr = index.getDouble("evaluation.details.candidate.mrr");
            System.out.printf("bootstrap: %d documents, %d golden questions; %s v1 hit rate @5 %.3f, MRR %.3f%n",
                    corpus, golden, INDEX, hitRate, mrr);
            assertThat(hitRate).isGreaterThanOrEqualTo(0.9);
            assertThat(mrr).isGreaterThanOrEqualTo(0.85);

            JsonPath config = version(mlops, ASSISTANT, 1);
            assertThat(config.getString("kind")).isEqualTo("assistant-config");
            assertThat(config.getString("stage")).isEqualTo("Production");
            assertThat(config.getString("lineage.run_id")).isEqualTo(runId);
            assertThat(config.getBoolean("evaluation.passed")).as(config.prettify()).isTrue();
            assertThat(config.getString("evaluation.details.index")).isEqualTo(INDEX + " v1");

            JsonPath deployments = api(mlops).get("/api/deployments").then().statusCode(200).extract().jsonPath();
            assertThat(deployments.getInt("models.find { it.model == '" + INDEX + "' }.stable.version")).isEqualTo(1);
            assertThat(deployments.getInt("models.find { it.model == '" + ASSISTANT + "' }.stable.version"))
                    .isEqualTo(1);

            inferenceServesTheSeededVersions(mlops, database);
            aSecondRunLeavesTheSeededPlatformAsItIs(mlops);
        }
    }

    /** What the deployments document names is what a pod serves: the answer cites the FAQ from index v1. */
    private static void inferenceServesTheSeededVersions(AppProcess mlops, Map<String, String> database) {
        Map<String, String> config = new HashMap<>(database);
        config.put("flywheel.mlops.url", mlops.baseUri().toString());
        config.put("flywheel.deployments.poll-interval", "1s");
        try (AppProcess inference = AppProcess.start("inference-app", INFERENCE_JAR, AppProcess.freePort(), config,
                Path.of("target", "it-logs", "knowledge-bootstrap-inference.log"), Duration.ofMinutes(3))) {
            JsonPath answer = Eventually.until(() -> given().baseUri(inference.baseUri().toString())
                            .contentType("application/json")
                            .body("{\"messages\":[{\"role\":\"user\",\"content\":\"How do I make a Python script "
                                    + "executable on Unix?\"}]}")
                            .post("/v1/chat/completions").then().statusCode(200).extract().jsonPath(),
                    served -> served.get("flywheel.index_version") != null
                            && served.get("flywheel.config_version") != null,
                    Duration.ofMinutes(2), "an answer from the seeded index and configuration");
            assertThat(answer.getInt("flywheel.index_version")).isEqualTo(1);
            assertThat(answer.getString("flywheel.index")).isEqualTo(INDEX);
            assertThat(answer.getInt("flywheel.config_version")).isEqualTo(1);
            assertThat(answer.getList("flywheel.sources.document", String.class)).isNotEmpty()
                    .allSatisfy(document -> assertThat(document).endsWith(".rst"));
        }
    }

    private static void aSecondRunLeavesTheSeededPlatformAsItIs(AppProcess mlops) {
        String id = api(mlops).contentType("application/json").body(Map.of("parameters", Map.of()))
                .post("/api/jobs/" + KnowledgeBootstrapJob.NAME + "/runs").then().statusCode(202).extract().path("id");
        JsonPath again = Eventually.until(() -> api(mlops).get("/api/jobs/runs/" + id).then().statusCode(200)
                        .extract().jsonPath(), run -> !UNFINISHED.contains(run.getString("status")),
                Duration.ofMinutes(2), "the second knowledge-bootstrap run");
        assertThat(again.getString("status")).isEqualTo("succeeded");
        assertThat(again.getBoolean("outputs.seeded")).isFalse();
        assertThat(api(mlops).get("/api/models/" + INDEX + "/versions").then().statusCode(200).extract().jsonPath()
                .getList("$")).hasSize(1);
    }

    private static JsonPath version(AppProcess app, String model, int version) {
        return api(app).get("/api/models/" + model + "/versions/" + version).then().statusCode(200).extract()
                .jsonPath();
    }

    private static RequestSpecification api(AppProcess app) {
        return given().baseUri(app.baseUri().toString());
    }
}
