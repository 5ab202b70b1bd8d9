package io.flywheel.inference.tabular;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.FakeMlops;
import io.flywheel.inference.FakeMlopsResource;
import io.flywheel.testing.FakeMlopsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Open Inference Protocol as a KServe V2 client uses it, against models deployed through mlops-app's contract. */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeMlopsResource.class)
class OpenInferenceProtocolTest {

    private static final String MODEL = "protocol-credit";
    private static final byte[] STABLE = LendingClub.boostedTrees(11);
    private static final byte[] CANARY = LendingClub.logisticRegression(12);

    @FakeMlops
    FakeMlopsApp mlops;

    @BeforeEach
    void deployed() {
        mlops.deploy(MODEL, LendingClub.KIND, LendingClub.version(1, STABLE), LendingClub.version(2, CANARY), 0.5);
        Await.serving(MODEL, "1", "2");
    }

    private static JsonPath infer(String body, String routingKey) {
        var request = given().contentType("application/json").body(body);
        if (routingKey != null) {
            request.header("X-Flywheel-Routing-Key", routingKey);
        }
        return Await.exactly(request.when().post("/v2/models/" + MODEL + "/infer").then().statusCode(200)
                .contentType("application/json").extract().asString());
    }

    private static byte[] artifactOf(String version) {
        return version.equals("1") ? STABLE : CANARY;
    }

    @Test
    void theServerDescribesItselfAndItsHealthAsTheProtocolSays() {
        given().when().get("/v2").then().statusCode(200).body("name", equalTo("flywheel-inference"))
                .body("extensions.size()", equalTo(0));
        given().when().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
        given().when().get("/v2/health/ready").then().statusCode(200).body("ready", equalTo(true));
        given().when().get("/v2/models/" + MODEL + "/ready").then().statusCode(200)
                .body("name", equalTo(MODEL)).body("ready", equalTo(true));
        given().when().get("/v2/models/" + MODEL + "/versions/2/ready").then().statusCode(200);
    }

    @Test
    void modelMetadataListsTheServedVersionsAndOneInputPerFeature() {
        JsonPath metadata = given().when().get("/v2/models/" + MODEL).then().statusCode(200).extract().jsonPath();

        assertThat(metadata.getString("name")).isEqualTo(MODEL);
        assertThat(metadata.getList("versions", String.class)).containsExactly("1", "2");
        assertThat(metadata.getString("platform")).isEqualTo("flywheel_tabular-classifier");
        assertThat(metadata.getList("inputs.name", String.class)).containsExactlyElementsOf(
                LendingClub.SCHEMA.features().stream().map(feature -> feature.name()).toList());
        assertThat(metadata.getString("inputs.find { it.name == 'term' }.datatype")).isEqualTo("BYTES");
        assertThat(metadata.getString("inputs.find { it.name == 'int_rate' }.datatype")).isEqualTo("FP64");
        assertThat(metadata.getList("inputs[0].shape", Integer.class)).containsExactly(-1);
        assertThat(metadata.getList("outputs.name", String.class)).containsExactly("probability", "label",
                "prediction_id");
    }

    @Test
    void oneRowIsAnsweredWithItsProbabilityLabelVersionAndPredictionId() {
        JsonPath answer = infer(LendingClub.json(LendingClub.request(7).put("id", "request-42")), "caller-1");

        String version = answer.getString("model_version");
        assertThat(answer.getString("model_name")).isEqualTo(MODEL);
        assertThat(answer.getString("id")).isEqualTo("request-42");
        assertThat(answer.getList("outputs.name", String.class)).containsExactly("probability", "label",
                "prediction_id");
        assertThat(answer.getList("outputs[0].shape", Integer.class)).containsExactly(1);
        assertThat(answer.getString("outputs[0].datatype")).isEqualTo("FP64");
        assertThat(answer.getDouble("outputs[0].data[0]"))
                .isCloseTo(LendingClub.expected(artifactOf(version), 7)[0], within(1e-12));
        assertThat(answer.getString("outputs[1].datatype")).isEqualTo("BYTES");
        assertThat(answer.getString("outputs[1].data[0]")).isIn("good", "bad");
        assertThat(UUID.fromString(answer.getString("outputs[2].data[0]")).version()).isEqualTo(7);
    }

    @Test
    void aBatchInNamedTensorsOrInOneMatrixGivesEveryRowTheScoreOfTheSameVersion() {
        int[] rows = LendingClub.rows(100, 50);
        for (String body : List.of(LendingClub.json(LendingClub.request(rows)),
                LendingClub.json(LendingClub.matrixRequest(rows)))) {
            JsonPath answer = infer(body, "batch-caller");

            double[] expected = LendingClub.expected(artifactOf(answer.getString("model_version")), rows);
            List<Double> probabilities = answer.getList("outputs[0].data", Double.class);
            assertThat(probabilities).hasSize(50);
            for (int row = 0; row < rows.length; row++) {
                assertThat(probabilities.get(row)).isCloseTo(expected[row], within(1e-12));
            }
            assertThat(answer.getList("outputs[2].data", String.class)).doesNotHaveDuplicates().hasSize(50);
        }
    }

    @Test
    void aRequestWithoutIdGetsOneAndCanAskForSomeOutputsOnly() {
        var request = LendingClub.request(3);
        request.putArray("outputs").addObject().put("name", "label");
        JsonPath answer = infer(LendingClub.json(request), null);

        assertThat(answer.getString("id")).isNotBlank();
        assertThat(answer.getList("outputs.name", String.class)).containsExactly("label");
    }

    @Test
    void theSameRoutingKeyAlwaysReachesTheSameVersionByHeaderOrParameter() {
        String body = LendingClub.json(LendingClub.request(5));
        String first = infer(body, "sticky-user").getString("model_version");
        for (int i = 0; i < 20; i++) {
            assertThat(infer(body, "sticky-user").getString("model_version")).isEqualTo(first);
        }
        var withParameter = LendingClub.request(5);
        withParameter.putObject("parameters").put("routing_key", "sticky-user");
        assertThat(infer(LendingClub.json(withParameter), null).getString("model_version")).isEqualTo(first);
    }

    @Test
    void anExplicitServedVersionAnswersItselfAndAnotherOneIsNotFound() {
        JsonPath answer = Await.exactly(given().contentType("application/json")
                .body(LendingClub.json(LendingClub.request(9)))
                .when().post("/v2/models/" + MODEL + "/versions/2/infer").then().statusCode(200).extract().asString());
        assertThat(answer.getString("model_version")).isEqualTo("2");
        assertThat(answer.getDouble("outputs[0].data[0]")).isCloseTo(LendingClub.expected(CANARY, 9)[0], within(1e-12));

        given().contentType("application/json").body(LendingClub.json(LendingClub.request(9)))
                .when().post("/v2/models/" + MODEL + "/versions/7/infer").then().statusCode(404)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("[1, 2]"));
    }

    @Test
    void theVersionsMetricsCarryModelAndVersionTags() {
        infer(LendingClub.json(LendingClub.request(1)), "metrics-caller");

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("flywheel_inference_latency_seconds_bucket{model=\"" + MODEL + "\",version=\"1\"")
                .contains("flywheel_inference_latency_seconds_count{model=\"" + MODEL + "\",version=\"2\"}")
                .contains("flywheel_inference_probability_bucket{model=\"" + MODEL + "\",version=\"1\"")
                .contains("flywheel_inference_batch_rows_bucket{model=\"" + MODEL + "\",version=\"2\"")
                .contains("flywheel_inference_errors_total{model=\"" + MODEL + "\",type=\"invalid-request\",version=\"1\"}")
                .contains("flywheel_prediction_log_dropped_total");
        given().when().get("/q/health/ready").then().body("checks.name", hasItem("deployments"));
    }
}
