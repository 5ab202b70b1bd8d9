package io.flywheel.mlops.golden;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.documents.KnowledgeCorpus;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.AssistantConfigCodec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The acceptance line of the knowledge lifecycle: an index built from the shipped FAQ by the reindex job passes the
 * golden-set gate of the evaluate job (its hit rate @5 is reported), and a deliberately worse index — chunks of 20
 * characters — fails it and cannot be promoted; assistant configurations are judged the same way on the Production
 * index. Three FAQ documents keep it fast; the golden set is their questions.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class KnowledgeGateTest {

    /** The three smallest FAQ pages: 19 questions, a few dozen passages at 800 characters, ~900 at 20. */
    static final List<String> SUBSET = List.of("windows.rst", "gui.rst", "installed.rst");
    private static final Duration WITHIN = Duration.ofMinutes(10);

    @Inject
    GoldenSet golden;

    @Test
    void aGoodIndexPassesTheGateAndAnIndexOfTwentyCharacterChunksFailsAndIsNotPromoted() throws Throwable {
        Map<String, String> documents = new LinkedHashMap<>();
        for (String name : SUBSET) {
            String text = KnowledgeCorpus.read(name);
            documents.put(name, text);
            given().contentType("text/plain; charset=utf-8").body(text).when().put("/api/documents/" + name)
                    .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        VertxContextSupport.subscribeAndAwait(() -> golden.seedFromFaq(documents));
        // the index assistant-config candidates are judged on (flywheel.reindex.model)
        String model = "assistant-index";

        JsonPath good = run("reindex", Map.of("model", model));
        assertThat(good.getInt("outputs.version")).isEqualTo(1);
        assertThat(good.getInt("outputs.documents")).isEqualTo(SUBSET.size());
        JsonPath goodVerdict = run("evaluate", Map.of("model", model, "version", "1"));
        assertThat(goodVerdict.getBoolean("outputs.verdicts[0].passed")).as(goodVerdict.prettify()).isTrue();
        JsonPath first = version(model, 1);
        double hitRate = first.getDouble("evaluation.details.candidate.hit_rate_at5");
        System.out.printf("golden set %d questions: index %s v1 (800/100): hit rate @5 %.3f, @1 %.3f, MRR %.3f, "
                        + "context support %.3f%n", first.getInt("evaluation.details.golden_questions"), model, hitRate,
                first.getDouble("evaluation.details.candidate.hit_rate_at1"),
                first.getDouble("evaluation.details.candidate.mrr"),
                first.getDouble("evaluation.details.candidate.context_support"));
        assertThat(hitRate).isGreaterThanOrEqualTo(0.9);
        assertThat(first.getString("lineage.dataset_sha256")).hasSize(64);
        assertThat(first.getString("params.chunk_size")).isEqualTo("800");
        promote(model, 1).then().statusCode(200).body("stage", equalTo("Production"));

        JsonPath bad = run("reindex", Map.of("model", model, "chunk-size", "20", "chunk-overlap", "0"));
        assertThat(bad.getInt("outputs.version")).isEqualTo(2);
        assertThat(bad.getInt("outputs.passages")).isGreaterThan(10 * good.getInt("outputs.passages"));
        JsonPath badVerdict = run("evaluate", Map.of("model", model, "version", "2"));
        assertThat(badVerdict.getBoolean("outputs.verdicts[0].passed")).as(badVerdict.prettify()).isFalse();
        JsonPath second = version(model, 2);
        System.out.printf("index %s v2 (20/0): hit rate @5 %.3f, MRR %.3f, context support %.3f: %s%n", model,
                second.getDouble("evaluation.details.candidate.hit_rate_at5"),
                second.getDouble("evaluation.details.candidate.mrr"),
                second.getDouble("evaluation.details.candidate.context_support"),
                second.getString("evaluation.summary"));
        assertThat(second.getInt("evaluation.baseline_version")).isEqualTo(1);

        promote(model, 2).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("failed its evaluation"));
        assertThat(version(model, 1).getString("stage")).isEqualTo("Production");
        assertThat(version(model, 2).getString("stage")).isEqualTo("Staging");

        assistantConfigsAreJudgedOnTheProductionIndex();
    }

    /** A configuration retrieving one passage above a high score threshold regresses against the default one. */
    private static void assistantConfigsAreJudgedOnTheProductionIndex() {
        String assistant = "assistant-" + UUID.randomUUID().toString().substring(0, 8);
        AssistantConfig defaults = AssistantConfig.defaults();
        postConfig(assistant, defaults);
        JsonPath first = run("evaluate", Map.of("model", assistant, "version", "1"));
        assertThat(first.getBoolean("outputs.verdicts[0].passed")).as(first.prettify()).isTrue();
        promote(assistant, 1).then().statusCode(200);

        postConfig(assistant, new AssistantConfig(defaults.prompts(), defaults.routing(), defaults.generation(),
                new AssistantConfig.Retrieval(1, 0.9), defaults.safety()));
        JsonPath second = run("evaluate", Map.of("model", assistant, "version", "2"));
        assertThat(second.getBoolean("outputs.verdicts[0].passed")).as(second.prettify()).isFalse();
        JsonPath judged = version(assistant, 2);
        System.out.printf("assistant-config v1 (k 5, min score 0.25) vs v2 (k 1, min score 0.9): %s%n",
                judged.getString("evaluation.summary"));
        assertThat(judged.getString("evaluation.details.index")).isEqualTo("assistant-index v1");
        assertThat(judged.getDouble("evaluation.details.candidate.refusal_rate")).isPositive();
    }

    private static void postConfig(String name, AssistantConfig config) {
        given().contentType("application/json").queryParam("name", name).body(AssistantConfigCodec.write(config))
                .when().post("/api/assistant-configs").then().statusCode(201);
    }

    private static JsonPath run(String job, Map<String, String> parameters) {
        String id = given().contentType("application/json").body(Map.of("parameters", parameters)).when()
                .post("/api/jobs/" + job + "/runs").then().statusCode(202).extract().path("id");
        JsonPath done = Eventually.until(() -> given().when().get("/api/jobs/runs/" + id).then().statusCode(200)
                        .extract().jsonPath(), run -> !List.of("queued", "running").contains(run.getString("status")),
                WITHIN, job + " run " + id);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("succeeded");
        return done;
    }

    private static JsonPath version(String model, int version) {
        return given().when().get("/api/models/" + model + "/versions/" + version).then().statusCode(200)
                .extract().jsonPath();
    }

    private static io.restassured.response.Response promote(String model, int version) {
        return given().contentType("application/json")
                .body(Map.of("stage", "Production", "reason", "golden gate", "archive_existing", true))
                .when().post("/api/models/" + model + "/versions/" + version + "/stage");
    }
}
