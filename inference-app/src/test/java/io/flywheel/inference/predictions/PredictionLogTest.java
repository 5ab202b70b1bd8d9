package io.flywheel.inference.predictions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.FakeMlops;
import io.flywheel.inference.FakeMlopsResource;
import io.flywheel.inference.access.Caller;
import io.flywheel.inference.assistant.InteractionLog;
import io.flywheel.inference.feedback.FeedbackReceipt;
import io.flywheel.inference.feedback.FeedbackRequest;
import io.flywheel.inference.feedback.FeedbackService;
import io.flywheel.inference.tabular.Await;
import io.flywheel.inference.tabular.LendingClub;
import io.flywheel.inference.tabular.ServedModels;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.inference.FeatureTensors;
import io.flywheel.shared.inference.InferenceRequestReader;
import io.flywheel.shared.inference.TensorBatch;
import io.flywheel.testing.FakeMlopsApp;
import io.flywheel.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every prediction reaches {@code inference.prediction} in the background with what retraining needs; a full buffer
 * drops and counts instead of blocking; feedback on a prediction is stored once, replaced on repeat, refused for an
 * unknown id or a label outside the model's classes, and accepted while the prediction still waits in the buffer.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeMlopsResource.class)
class PredictionLogTest {

    private static final String MODEL = "logged-credit";
    private static final byte[] ARTIFACT = LendingClub.logisticRegression(111);

    @FakeMlops
    FakeMlopsApp mlops;
    @Inject
    Pool pool;
    @Inject
    InteractionLog interactions;
    @Inject
    ServedModels served;
    @Inject
    ServingMinutes minutes;

    @BeforeEach
    void deployed() {
        mlops.deploy(MODEL, LendingClub.KIND, LendingClub.version(1, ARTIFACT));
        Await.serving(MODEL, "1");
    }

    private static JsonPath infer(int... rows) {
        return Await.exactly(given().contentType("application/json")
                .body(LendingClub.json(LendingClub.request(rows).put("id", "logged-request")))
                .when().post("/v2/models/" + MODEL + "/infer").then().statusCode(200).extract().asString());
    }

    private static List<String> predictionIds(JsonPath answer) {
        return answer.getList("outputs.find { it.name == 'prediction_id' }.data", String.class);
    }

    @Test
    void everyAnsweredRowIsWrittenWithItsFeaturesOutputVersionAndCaller() throws Exception {
        int[] rows = {10, 11, 12};
        JsonPath answer = infer(rows);
        List<String> ids = predictionIds(answer);
        double[] expected = LendingClub.expected(ARTIFACT, rows);

        try (Connection db = TestDatabase.shared().connect()) {
            awaitRows(db, ids);
            for (int i = 0; i < ids.size(); i++) {
                try (Statement query = db.createStatement(); ResultSet row = query.executeQuery(
                        "SELECT * FROM inference.prediction WHERE prediction_id = '" + ids.get(i) + "'")) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString("model")).isEqualTo(MODEL);
                    assertThat(row.getInt("model_version")).isEqualTo(1);
                    assertThat(row.getBoolean("canary")).isFalse();
                    assertThat(row.getString("request_id")).isEqualTo("logged-request");
                    assertThat(row.getDouble("probability")).isEqualTo(expected[i]);
                    assertThat(row.getString("label")).isEqualTo(answer.getList("outputs[1].data").get(i));
                    assertThat(row.getInt("batch_rows")).isEqualTo(3);
                    assertThat(row.getDouble("latency_ms")).isPositive();
                    assertThat(row.getString("caller")).isEqualTo(Sha256.hex("anonymous".getBytes(StandardCharsets.UTF_8)));
                    assertThat(row.getString("features")).contains("\"term\": \""
                            + LendingClub.TABLE.categorical("term").value(rows[i]) + "\"")
                            .contains("\"int_rate\": " + LendingClub.TABLE.numeric("int_rate").value(rows[i]));
                }
            }
        }
    }

    @Test
    void textPostgresCannotStoreDoesNotCostTheRowsLoggedWithIt() throws Exception {
        // NUL in a category and in the request id: PostgreSQL refuses it in text and jsonb
        var hostile = LendingClub.request(20).put("id", "nul\u0000id");
        ((com.fasterxml.jackson.databind.node.ObjectNode) findInput(hostile, "term")).putArray("data")
                .add("36\u0000months \ud83d\ude00");
        JsonPath hostileAnswer = Await.exactly(given().contentType("application/json").body(LendingClub.json(hostile))
                .when().post("/v2/models/" + MODEL + "/infer").then().statusCode(200).extract().asString());
        List<String> ids = new ArrayList<>(predictionIds(hostileAnswer));
        ids.addAll(predictionIds(infer(21, 22)));

        try (Connection db = TestDatabase.shared().connect()) {
            awaitRows(db, ids);
            try (Statement query = db.createStatement(); ResultSet row = query.executeQuery(
                    "SELECT request_id, features->>'term' AS term FROM inference.prediction WHERE prediction_id = '"
                            + ids.get(0) + "'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("request_id")).isEqualTo("nul\uFFFDid");
                assertThat(row.getString("term")).isEqualTo("36\uFFFDmonths \ud83d\ude00");
            }
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode findInput(
            com.fasterxml.jackson.databind.node.ObjectNode request, String name) {
        for (var input : request.get("inputs")) {
            if (input.get("name").asText().equals(name)) {
                return input;
            }
        }
        throw new AssertionError("no input " + name);
    }

    @Test
    void aFullBufferDropsAndCountsWithoutWaitingAndWritesWhatItKept() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PredictionLog tiny = new PredictionLog(pool, settings(3), registry, minutes);
        LoggedPredictions two = predictions(2);
        LoggedPredictions twoMore = predictions(2);

        assertThat(tiny.record(two)).isTrue();
        assertThat(tiny.record(twoMore)).isFalse();
        assertThat(tiny.record(predictions(1))).isTrue();

        assertThat(tiny.buffered()).isEqualTo(3);
        assertThat(registry.get("flywheel.prediction.log.dropped").counter().count()).isEqualTo(2);
        assertThat(tiny.pendingModel(two.ids()[0])).isEqualTo(MODEL);
        assertThat(tiny.pendingModel(twoMore.ids()[0])).isNull();

        tiny.flush().await().atMost(Await.DEADLINE);
        assertThat(tiny.buffered()).isZero();
        assertThat(tiny.written()).isEqualTo(3);
        assertThat(tiny.pendingModel(two.ids()[0])).isNull();
        try (Connection db = TestDatabase.shared().connect()) {
            assertThat(count(db, List.of(two.ids()[0].toString(), two.ids()[1].toString()))).isEqualTo(2);
            assertThat(count(db, List.of(twoMore.ids()[0].toString()))).isZero();
        }
    }

    @Test
    void feedbackOnAPredictionIsStoredOnceAndReplacedOnRepeat() throws Exception {
        String id = predictionIds(infer(20)).get(0);
        String feedback = "{\"prediction_id\": \"%s\", \"label\": \"%s\"}";

        given().contentType("application/json").body(feedback.formatted(id, "bad")).when().post("/v1/feedback")
                .then().statusCode(201).body("prediction_id", equalTo(id)).body("label", equalTo("bad"))
                .body("created", equalTo(true));
        given().contentType("application/json").body(feedback.formatted(id, "good")).when().post("/v1/feedback")
                .then().statusCode(200).body("created", equalTo(false));
        given().contentType("application/json").body("{\"prediction_id\": \"" + id + "\", \"rating\": 2}")
                .when().post("/v1/feedback").then().statusCode(200);

        try (Connection db = TestDatabase.shared().connect(); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT label, rating FROM inference.feedback WHERE prediction_id = '"
                     + id + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("label")).isNull();
            assertThat(rows.getInt("rating")).isEqualTo(2);
            assertThat(rows.next()).as("one row per prediction").isFalse();
        }
    }

    @Test
    void feedbackForAnUnknownPredictionOrOfAWrongShapeIsRefused() {
        String id = predictionIds(infer(21)).get(0);
        given().contentType("application/json").body("{\"prediction_id\": \"" + UUID.randomUUID() + "\", \"label\": \"bad\"}")
                .when().post("/v1/feedback").then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body("{\"prediction_id\": \"not-an-id\", \"label\": \"bad\"}")
                .when().post("/v1/feedback").then().statusCode(404);
        given().contentType("application/json").body("{\"prediction_id\": \"" + id + "\", \"label\": \"maybe\"}")
                .when().post("/v1/feedback").then().statusCode(422).body("errors[0].field", equalTo("label"))
                .body("detail", containsString("bad, good"));
        given().contentType("application/json").body("{\"prediction_id\": \"" + id + "\"}")
                .when().post("/v1/feedback").then().statusCode(422).body("errors[0].field", equalTo("label"));
        given().contentType("application/json").body("{\"prediction_id\": \"" + id + "\", \"rating\": 9}")
                .when().post("/v1/feedback").then().statusCode(422).body("errors[0].field", equalTo("rating"));
    }

    @Test
    void feedbackOnAPredictionStillInTheBufferIsAcceptedAndStored() throws Exception {
        PredictionLog unflushed = new PredictionLog(pool, settings(10), new SimpleMeterRegistry(), minutes);
        LoggedPredictions buffered = predictions(1);
        unflushed.record(buffered);
        FeedbackService feedback = new FeedbackService(pool, interactions, unflushed, served);

        FeedbackReceipt receipt = feedback.record(new FeedbackRequest(null, buffered.ids()[0].toString(), null, null,
                "good"), Caller.anonymous()).await().atMost(Await.DEADLINE);

        assertThat(receipt.created()).isTrue();
        try (Connection db = TestDatabase.shared().connect()) {
            assertThat(count(db, List.of(buffered.ids()[0].toString()))).as("not yet in the log").isZero();
        }
    }

    /** Rows of the real model as the infer endpoint would log them. */
    private LoggedPredictions predictions(int count) {
        int[] rows = LendingClub.rows(30, count);
        TensorBatch batch = FeatureTensors.toBatch(InferenceRequestReader.read(LendingClub.json(LendingClub.request(rows))
                .getBytes(StandardCharsets.UTF_8), 10_000), LendingClub.SCHEMA, 100);
        UUID[] ids = new UUID[count];
        String[] labels = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = UUID.randomUUID();
            labels[i] = "good";
        }
        return new LoggedPredictions(ids, Instant.now(), MODEL, 1, false, "direct", LendingClub.SCHEMA, null, batch,
                LendingClub.expected(ARTIFACT, rows), labels, 0.5, "caller", null);
    }

    private static PredictionLogSettings settings(int capacity) {
        return new PredictionLogSettings() {
            @Override
            public int capacity() {
                return capacity;
            }

            @Override
            public int batchSize() {
                return 1000;
            }

            @Override
            public Duration flushInterval() {
                return Duration.ofHours(1);
            }

            @Override
            public Duration shutdownTimeout() {
                return Duration.ofSeconds(10);
            }
        };
    }

    private static void awaitRows(Connection db, List<String> ids) throws SQLException {
        long deadline = System.nanoTime() + Await.DEADLINE.toNanos();
        while (count(db, ids) < ids.size() && System.nanoTime() < deadline) {
            Await.pause(Duration.ofMillis(50));
        }
        assertThat(count(db, ids)).as("logged rows").isEqualTo(ids.size());
    }

    private static int count(Connection db, List<String> ids) throws SQLException {
        List<String> quoted = new ArrayList<>();
        ids.forEach(id -> quoted.add("'" + id + "'"));
        try (Statement query = db.createStatement(); ResultSet rows = query.executeQuery(
                "SELECT count(*) FROM inference.prediction WHERE prediction_id IN (" + String.join(",", quoted) + ")")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
