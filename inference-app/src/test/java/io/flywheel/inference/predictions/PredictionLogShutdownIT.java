package io.flywheel.inference.predictions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.inference.tabular.LendingClub;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.FakeMlopsApp;
import io.flywheel.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged app, stopped the way Kubernetes stops a pod (SIGTERM): every prediction a client received an id for is
 * in {@code inference.prediction} afterwards, although the log had not been written once before the stop, and the
 * serving minutes hold every request and every row binned (the log's last flush bins, the minutes' last flush writes);
 * likewise every assistant answer is in {@code inference.interaction}, where feedback on it is looked up.
 */
class PredictionLogShutdownIT {

    private static final Duration READY_WITHIN = Duration.ofMinutes(2);
    private static final String MODEL = "shutdown-credit";
    private static final int REQUESTS = 50;
    private static final int ROWS = 4;
    private static final int ANSWERS = 5;

    @Test
    void aGracefulShutdownWritesEveryPredictionThatWasAnswered() throws Exception {
        Path log = Path.of("target/it-logs/prediction-log-shutdown.log");
        Files.deleteIfExists(log);
        try (FakeMlopsApp mlops = FakeMlopsApp.start()) {
            mlops.deploy(MODEL, LendingClub.KIND, LendingClub.version(1, LendingClub.boostedTrees(141)));
            Map<String, String> config = new HashMap<>(TestDatabase.shared().quarkusConfig());
            config.put("flywheel.mlops.url", mlops.baseUrl());
            config.put("flywheel.prediction-log.flush-interval", "1h");
            config.put("flywheel.serving-minutes.flush-interval", "1h");
            config.put("flywheel.assistant.log.flush-interval", "1h");
            AppProcess app = AppProcess.start("inference-app", Path.of("target/quarkus-app/quarkus-run.jar"),
                    AppProcess.freePort(), config, log, READY_WITHIN);
            List<String> ids;
            List<String> answers;
            try {
                ids = predict(app.baseUri());
                answers = ask(app.baseUri());
                assertThat(logged(ids)).as("nothing written before the stop").isZero();
                assertThat(answered(answers)).as("no answer written before the stop").isZero();
            } finally {
                app.stop();
            }
            assertThat(app.isAlive()).isFalse();
            assertThat(logged(ids)).as("written during the graceful shutdown:\n" + app.logTail()).isEqualTo(ids.size());
            assertThat(answered(answers)).as("answers written during the graceful shutdown:\n" + app.logTail())
                    .isEqualTo(ANSWERS);
            assertThat(minuteTotals()).as("requests, scored rows, binned rows (a row adds one per feature and one for "
                    + "its prediction)").containsExactly((long) REQUESTS, (long) REQUESTS * ROWS,
                    (long) REQUESTS * ROWS * (LendingClub.SCHEMA.features().size() + 1));
        }
    }

    private static List<String> predict(URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/v2/models/" + MODEL + "/infer"))
                    .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(LendingClub.json(LendingClub.request(
                            LendingClub.rows(i * ROWS, ROWS))))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            for (JsonNode output : json.readTree(answer.body()).get("outputs")) {
                if (output.get("name").asText().equals("prediction_id")) {
                    output.get("data").forEach(id -> ids.add(id.asText()));
                }
            }
        }
        assertThat(ids).hasSize(REQUESTS * ROWS);
        return ids;
    }

    /** Assistant questions (answered extractively: this app has no provider), by answer id. */
    private static List<String> ask(URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < ANSWERS; i++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                    .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":"
                            + "\"How do I sort a list, take " + i + "?\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            answers.add(json.readTree(answer.body()).path("flywheel").path("answer_id").asText());
        }
        return answers;
    }

    private static int answered(List<String> answers) throws Exception {
        try (Connection db = TestDatabase.shared().connect(); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT count(*) FROM inference.interaction WHERE answer_id::text IN "
                     + "('" + String.join("','", answers) + "')")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<Long> minuteTotals() throws Exception {
        try (Connection db = TestDatabase.shared().connect(); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT sum(requests), sum(scored_rows), (SELECT sum(c) FROM "
                     + "inference.serving_minute, unnest(drift_counts) c WHERE model = '" + MODEL + "') "
                     + "FROM inference.serving_minute WHERE model = '" + MODEL + "'")) {
            rows.next();
            return List.of(rows.getLong(1), rows.getLong(2), rows.getLong(3));
        }
    }

    private static int logged(List<String> ids) throws Exception {
        try (Connection db = TestDatabase.shared().connect(); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT count(*) FROM inference.prediction WHERE prediction_id IN ('"
                     + String.join("','", ids) + "')")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
