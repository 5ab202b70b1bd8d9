package io.flywheel.mlops.golden;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.InferenceSchema;
import io.flywheel.mlops.Eventually;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answer feedback grows the golden set: an answer a user rated highly through inference-app (rows as inference-app
 * writes them, in its own migrated schema) joins once a reviewer approves it — and only then, only once.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class GoldenGrowthTest {

    /** A passage of windows.rst as the gateway logs it: offsets in the document, cited as [1] by the answer. */
    private static final String SOURCES = "[{\"document\":\"windows.rst\",\"chunk\":\"windows.rst#0\",\"section\":"
            + "\"How do I run a Python program under Windows?\",\"start\":0,\"end\":12000,\"text\":\"...\","
            + "\"score\":0.7}]";

    @BeforeEach
    void inferenceSchemaMigratedByItsOwnMigrations() {
        InferenceSchema.migrate();
    }

    @Test
    void aHighlyRatedApprovedAnswerJoinsTheGoldenSetOnceAndOthersDoNot() throws Exception {
        UUID approved = answer("How do I start a Python script from the Windows command prompt " + UUID.randomUUID()
                + "?", 5);
        UUID rejected = answer("Can I run Python on Windows " + UUID.randomUUID() + "?", 5);
        UUID lowRated = answer("Where is python.exe installed on Windows " + UUID.randomUUID() + "?", 2);
        review(approved, true).then().statusCode(200).body("approved", equalTo(true));
        review(rejected, true).then().statusCode(200);
        review(rejected, false).then().statusCode(200).body("approved", equalTo(false));
        review(lowRated, true).then().statusCode(200);

        JsonPath first = runGolden();
        assertThat(first.getInt("outputs.added")).isEqualTo(1);
        assertThat(goldenRows(approved)).isEqualTo(1);
        assertThat(goldenRows(rejected)).isZero();
        assertThat(goldenRows(lowRated)).isZero();
        assertThat(runGolden().getInt("outputs.added")).isZero();
        given().queryParam("target", "answer:" + rejected).when().get("/api/audit").then().statusCode(200)
                .body("outcome", equalTo(List.of("rejected", "approved")));
    }

    @Test
    void reviewsOfUnknownAnswersOrWithoutADecisionAreProblems() throws Exception {
        review(UUID.randomUUID(), true).then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body("{\"approved\": true}").when()
                .put("/api/answers/not-a-uuid/review").then().statusCode(404).contentType("application/problem+json");
        UUID answer = answer("What is py.exe " + UUID.randomUUID() + "?", 5);
        given().contentType("application/json").body("{\"note\": \"fine\"}").when()
                .put("/api/answers/" + answer + "/review").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("approved"));
        given().contentType("application/json").body("{\"approved\": ").when()
                .put("/api/answers/" + answer + "/review").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static UUID answer(String question, int rating) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = TestDatabase.shared().connect();
             PreparedStatement interaction = connection.prepareStatement("INSERT INTO inference.interaction "
                     + "(answer_id, created_at, key_id, assistant, config_version, index_name, index_version, route, "
                     + "provider, degraded, refused, question, answer, sources, findings, prompt_tokens, "
                     + "completion_tokens, latency_ms) VALUES (?, now(), 'key-1', 'assistant', '1', 'assistant-index', "
                     + "1, 'rag', 'extractive', false, false, ?, ?, ?::jsonb, '[]'::jsonb, 10, 20, 3.5)");
             PreparedStatement feedback = connection.prepareStatement("INSERT INTO inference.feedback "
                     + "(answer_id, rating, key_id) VALUES (?, ?, 'key-1')")) {
            interaction.setObject(1, id);
            interaction.setString(2, question);
            interaction.setString(3, "Type py followed by the script name at the command prompt. [1]");
            interaction.setString(4, SOURCES);
            interaction.executeUpdate();
            feedback.setObject(1, id);
            feedback.setInt(2, rating);
            feedback.executeUpdate();
        }
        return id;
    }

    private static int goldenRows(UUID answer) throws Exception {
        try (Connection connection = TestDatabase.shared().connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM mlops.golden_item WHERE answer_id = ? AND origin = 'feedback'")) {
            query.setObject(1, answer);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static io.restassured.response.Response review(UUID answer, boolean approved) {
        return given().contentType("application/json").body(Map.of("approved", approved, "note", "checked"))
                .when().put("/api/answers/" + answer + "/review");
    }

    private static JsonPath runGolden() {
        String id = given().contentType("application/json").body("{}").when().post("/api/jobs/golden/runs")
                .then().statusCode(202).extract().path("id");
        JsonPath done = Eventually.until(() -> given().when().get("/api/jobs/runs/" + id).then().statusCode(200)
                        .extract().jsonPath(), run -> !List.of("queued", "running").contains(run.getString("status")),
                Duration.ofMinutes(3), "golden run " + id);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("succeeded");
        return done;
    }
}
