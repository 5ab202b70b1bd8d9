package io.flywheel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.FeatureBatch;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.testing.TestDatasets;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's end-to-end acceptance with both apps running for real (embedded PostgreSQL and the packaged jars, as
 * {@code ./flywheel up} runs them): the Lending Club upload is retrained (logistic regression only, to keep it quick),
 * evaluated and promoted through mlops-app's API; inference-app loads it without a restart; its answers for a set of
 * rows equal, bit for bit, what shared-model's scorer computes from the artifact fetched from the registry; feedback
 * for those predictions is recorded and joins the prediction log.
 */
class ServingEndToEndIT {

    private static final Path ROOT = Path.of(System.getProperty("flywheel.root", "..")).toAbsolutePath().normalize();
    private static final String MODEL = "lending-club";
    private static final int ROWS = 64;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalPlatform platform;
    private static LocalPlatformConfig config;
    private static PlatformClient client;

    @BeforeAll
    static void startThePlatform() throws IOException {
        config = PlatformClient.freshConfig(ROOT, "flywheel-e2e");
        platform = PlatformClient.startForTest(config);
        client = new PlatformClient(config);
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void aPromotedVersionIsServedWithoutRestartScoresExactlyAsTheFactoryAndTakesFeedback() throws Exception {
        // given a version trained, evaluated and promoted through mlops-app, then served by the running inference-app
        int version = client.trainEvaluateAndPromote(MODEL, "Class", TestDatasets.bytes("lending_club.csv"));
        TabularModel factory = TabularModel.compile(ArtifactCodec.read(client.artifact(MODEL, version)));
        Table rows = TestDatasets.lendingClub().select(IntStream.range(0, ROWS).map(i -> i * 97).toArray());
        double[] expected = factory.score(FeatureBatch.of(factory.schema(), rows));

        // when inference-app scores the same rows
        JsonNode answer = client.postJson(client.inference(), "/v2/models/" + MODEL + "/infer",
                inferRequest(factory, rows), 200);

        // then every probability is the factory's to the last bit, and the labels follow the version's threshold
        assertThat(answer.path("model_version").asText()).isEqualTo(String.valueOf(version));
        JsonNode probabilities = output(answer, "probability");
        JsonNode labels = output(answer, "label");
        for (int row = 0; row < ROWS; row++) {
            assertThat(probabilities.get(row).asDouble()).as("row " + row).isEqualTo(expected[row]);
            assertThat(labels.get(row).asText()).as("row " + row).isEqualTo(factory.label(expected[row]));
        }

        // and feedback on each prediction is recorded and joins the prediction log
        JsonNode ids = output(answer, "prediction_id");
        List<String> truth = List.of(rows.categorical("Class").toArray());
        for (int row = 0; row < ROWS; row++) {
            client.postJson(client.inference(), "/v1/feedback",
                    Map.of("prediction_id", ids.get(row).asText(), "label", truth.get(row)), 201);
        }
        assertThat(labelledPredictions(version)).isEqualTo(ROWS);
    }

    /** One tensor per feature (the V2 layout a KServe client sends), missing values as null. */
    private static ObjectNode inferRequest(TabularModel model, Table rows) {
        ObjectNode request = JSON.createObjectNode().put("id", "e2e");
        ArrayNode inputs = request.putArray("inputs");
        for (Feature feature : model.schema().features()) {
            ObjectNode input = inputs.addObject().put("name", feature.name());
            input.putArray("shape").add(rows.rowCount());
            ArrayNode data;
            if (feature.type() == ColumnType.NUMERIC) {
                input.put("datatype", "FP64");
                data = input.putArray("data");
                NumericColumn column = rows.numeric(feature.name());
                for (int row = 0; row < rows.rowCount(); row++) {
                    if (column.isMissing(row)) {
                        data.addNull();
                    } else {
                        data.add(column.value(row));
                    }
                }
            } else {
                input.put("datatype", "BYTES");
                data = input.putArray("data");
                CategoricalColumn column = rows.categorical(feature.name());
                for (int row = 0; row < rows.rowCount(); row++) {
                    data.add(column.isMissing(row) ? null : column.value(row));
                }
            }
        }
        return request;
    }

    private static JsonNode output(JsonNode answer, String name) {
        for (JsonNode output : answer.path("outputs")) {
            if (name.equals(output.path("name").asText())) {
                assertThat(output.path("data")).hasSize(ROWS);
                return output.path("data");
            }
        }
        throw new AssertionError("no output " + name + " in " + answer);
    }

    /**
     * Rows of log ⨝ feedback for the version, as mlops-app reads them to build a labelled snapshot (docs/serving.md);
     * the log is written asynchronously in batches, so this waits for it.
     */
    private static int labelledPredictions(int version) throws Exception {
        String sql = "SELECT count(*) FROM inference.prediction p JOIN inference.feedback f"
                + " ON f.prediction_id = p.prediction_id WHERE p.model = ? AND p.model_version = ?";
        long deadline = System.nanoTime() + PlatformClient.SERVED_DEADLINE.toNanos();
        int count = 0;
        while (System.nanoTime() < deadline) {
            count = count(sql, version);
            if (count >= ROWS) {
                return count;
            }
            Thread.sleep(250);
        }
        return count;
    }

    private static int count(String sql, int version) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + config.databasePort() + "/" + LocalDatabase.DATABASE, "postgres", "postgres");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, MODEL);
            statement.setInt(2, version);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
