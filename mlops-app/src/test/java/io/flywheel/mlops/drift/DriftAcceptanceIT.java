package io.flywheel.mlops.drift;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.training.AlertRecorder;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Table;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import io.flywheel.testing.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's drift acceptance with both apps running for real: logistic regression trained on Lending Club, evaluated,
 * promoted, served by the packaged inference-app, fed traffic over HTTP. Unshifted traffic reports no drift; traffic
 * with income and interest rate scaled reports PSI > 0.2 on exactly those two features and raises a data-drift alert;
 * feedback on served predictions becomes a labelled snapshot and the report's live quality.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@TestProfile(LogisticRegressionOnly.class)
class DriftAcceptanceIT {

    private static final String MODEL = "lending-drift";
    private static final Path INFERENCE_JAR = Path.of("..", "inference-app", "target", "quarkus-app",
            "quarkus-run.jar");
    private static final Set<String> SHIFTED = Set.of("annual_inc", "int_rate");
    private static final double SCALE = 2.5;
    private static final int TRAFFIC_ROWS = 2000;
    private static final int ROWS_PER_REQUEST = 100;
    private static final int LABELLED = 300;
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI mlops;

    @Inject
    AlertRecorder alerts;

    @Test
    void shiftedIncomeAndInterestRateDriftAndNothingElseDoes() throws Exception {
        trainEvaluateAndPromote();
        Table lending = TestDatasets.lendingClub();
        Map<String, String> config = new HashMap<>(TestDatabase.shared().quarkusConfig());
        config.put("flywheel.mlops.url", "http://127.0.0.1:" + mlops.getPort());
        config.put("flywheel.deployments.poll-interval", "1s");
        config.put("flywheel.serving-minutes.flush-interval", "1s");
        try (AppProcess inference = AppProcess.start("inference-drift", INFERENCE_JAR, AppProcess.freePort(), config,
                Path.of("target", "it-logs", "inference-drift.log"), Duration.ofSeconds(180))) {
            awaitServed(inference);

            List<String> predictions = send(inference, lending, Set.of(), 1);
            Instant unshiftedSent = Instant.now();
            awaitBinned(TRAFFIC_ROWS, lending);
            JsonPath unshifted = report(DriftResourceTest.runDrift(Map.of("model", MODEL,
                    "rows", Integer.toString(TRAFFIC_ROWS))));
            assertThat(unshifted.getString("verdict")).as(unshifted.prettify()).isEqualTo("ok");
            assertThat(unshifted.getList("drifted")).isEmpty();
            assertThat(unshifted.getLong("live_rows")).isEqualTo(TRAFFIC_ROWS);

            // a rows window is made of whole minutes: the shifted traffic gets minutes of its own
            Eventually.until(Instant::now, now -> now.truncatedTo(ChronoUnit.MINUTES)
                    .isAfter(unshiftedSent.truncatedTo(ChronoUnit.MINUTES)), Duration.ofSeconds(70), "the next minute");
            send(inference, lending, SHIFTED, SCALE);
            awaitBinned(2 * TRAFFIC_ROWS, lending);
            JsonPath shifted = report(DriftResourceTest.runDrift(Map.of("model", MODEL,
                    "rows", Integer.toString(TRAFFIC_ROWS))));
            assertThat(shifted.getString("verdict")).isEqualTo("alert");
            assertThat(shifted.getList("drifted", String.class)).containsExactlyInAnyOrderElementsOf(SHIFTED);
            for (String feature : SHIFTED) {
                assertThat(shifted.getDouble("features.find { it.feature == '" + feature + "' }.psi"))
                        .isGreaterThan(0.2);
            }
            Eventually.until(alerts::alerts, list -> list.stream().anyMatch(alert -> alert.kind().equals("data-drift")
                    && MODEL.equals(alert.model()) && alert.summary().contains("annual_inc")
                    && alert.summary().contains("int_rate")), Duration.ofSeconds(30), "a data-drift alert");

            giveFeedback(inference, predictions.subList(0, LABELLED), lending);
            given().contentType("application/json").body(Map.of("model", MODEL, "hours", 1))
                    .when().post("/api/datasets/snapshots").then().statusCode(201)
                    .body("source.kind", equalTo("prediction-feedback")).body("rows", equalTo(LABELLED))
                    .body("source.details.model", equalTo(MODEL));
            JsonPath withFeedback = report(DriftResourceTest.runDrift(Map.of("model", MODEL, "hours", "1")));
            assertThat(withFeedback.getLong("quality.labelled")).isEqualTo(LABELLED);
            assertThat(withFeedback.getDouble("quality.accuracy")).isBetween(0.0, 1.0);
        }
    }

    private static void trainEvaluateAndPromote() {
        given().contentType("text/csv").body(TestDatasets.bytes("lending_club.csv"))
                .when().post("/api/datasets?name=" + MODEL + "&label=Class").then().statusCode(201);
        JsonPath retrain = runJob("retrain", Map.of("dataset", MODEL));
        int version = retrain.getInt("outputs.version");
        runJob("evaluate", Map.of("model", MODEL, "version", Integer.toString(version)));
        given().contentType("application/json").body("{\"stage\":\"Production\",\"reason\":\"drift acceptance\"}")
                .when().post("/api/models/" + MODEL + "/versions/" + version + "/stage").then().statusCode(200);
    }

    private static JsonPath runJob(String job, Map<String, String> parameters) {
        String id = given().contentType("application/json").body(Map.of("parameters", parameters))
                .when().post("/api/jobs/" + job + "/runs").then().statusCode(202).extract().path("id");
        JsonPath run = Eventually.until(() -> given().when().get("/api/jobs/runs/" + id).then().statusCode(200)
                        .extract().jsonPath(), r -> List.of("succeeded", "failed").contains(r.getString("status")),
                Duration.ofMinutes(8), job + " run " + id + " to end");
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");
        return run;
    }

    private static JsonPath report(JsonPath run) {
        return given().when().get("/api/drift/reports/" + run.getString("outputs.reports[0].report")).then()
                .statusCode(200).extract().jsonPath();
    }

    private static void awaitServed(AppProcess inference) {
        HttpClient http = HttpClient.newHttpClient();
        Eventually.until(() -> status(http, inference.baseUri().resolve("/v2/models/" + MODEL + "/ready")),
                status -> status == 200, DEADLINE, MODEL + " served by inference-app");
    }

    /** Scores the first {@link #TRAFFIC_ROWS} loans over V2, {@code scaled} columns multiplied; the prediction ids. */
    private static List<String> send(AppProcess inference, Table lending, Set<String> scaled, double factor)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        for (int start = 0; start < TRAFFIC_ROWS; start += ROWS_PER_REQUEST) {
            String body = JSON.writeValueAsString(Map.of("inputs", tensors(lending, start, scaled, factor)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(inference.baseUri()
                            .resolve("/v2/models/" + MODEL + "/infer")).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            for (JsonNode output : JSON.readTree(response.body()).get("outputs")) {
                if (output.get("name").asText().equals("prediction_id")) {
                    output.get("data").forEach(id -> ids.add(id.asText()));
                }
            }
        }
        return ids;
    }

    private static List<Map<String, Object>> tensors(Table lending, int start, Set<String> scaled, double factor) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (Column column : lending.columns()) {
            if (column.name().equals("Class")) {
                continue;
            }
            List<Object> data = new ArrayList<>();
            for (int row = start; row < start + ROWS_PER_REQUEST; row++) {
                if (column.type() == ColumnType.NUMERIC) {
                    double value = lending.numeric(column.name()).value(row);
                    data.add(Double.isNaN(value) ? null : scaled.contains(column.name()) ? value * factor : value);
                } else {
                    data.add(lending.categorical(column.name()).value(row));
                }
            }
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("name", column.name());
            tensor.put("datatype", column.type() == ColumnType.NUMERIC ? "FP64" : "BYTES");
            tensor.put("shape", List.of(ROWS_PER_REQUEST));
            tensor.put("data", data);
            inputs.add(tensor);
        }
        return inputs;
    }

    /** The true class of each loan, through inference-app's feedback endpoint. */
    private static void giveFeedback(AppProcess inference, List<String> predictions, Table lending) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < predictions.size(); i++) {
            String body = JSON.writeValueAsString(Map.of("prediction_id", predictions.get(i),
                    "label", lending.categorical("Class").value(i)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(inference.baseUri()
                            .resolve("/v1/feedback")).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        }
    }

    /**
     * Rows are binned by the prediction log's writer and their minute counts added to {@code inference.serving_minute}
     * in the background: waits until the model's rows are all counted there (each row adds one to every feature's
     * bins and to the prediction's).
     */
    private static void awaitBinned(int rows, Table lending) {
        long perRow = lending.columns().size(); // the features and the prediction; the label column is no feature
        Eventually.until(DriftAcceptanceIT::binnedCounts, count -> count >= rows * perRow, DEADLINE,
                rows + " predictions binned into serving minutes");
    }

    private static long binnedCounts() {
        try (Connection connection = TestDatabase.shared().connect();
             PreparedStatement count = connection.prepareStatement("SELECT coalesce(sum(c), 0) FROM "
                     + "inference.serving_minute, unnest(drift_counts) AS c WHERE model = ?")) {
            count.setString(1, MODEL);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
