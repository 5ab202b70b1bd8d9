package io.flywheel.inference.assistant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.inference.DatabaseTestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flywheel.inference.tabular.LendingClub;
import io.flywheel.inference.tabular.ServedModels;
import io.flywheel.inference.tabular.ServingState;
import io.flywheel.inference.tabular.TabularLoader;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.testing.FakeOpenAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Questions about live platform state go to the agent, which calls the registry tool through the model. The tool asks
 * the (fake) mlops-app at {@code flywheel.mlops.url}, which has no such model — the agent says so rather than failing.
 * Loan-risk questions go to the scoring tool, which scores the row with the pod's served model in process.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeProviderResource.class)
class AgentModeTest {

    @FakeProvider
    FakeOpenAi fake;
    @Inject
    CircuitBreakerMaintenance circuits;
    @Inject
    ServedModels served;
    @Inject
    TabularLoader loader;

    @BeforeEach
    void aToolCallingProvider() {
        fake.reset();
        circuits.resetAll();
        fake.answering("primary", FakeOpenAi.Answering.TOOL);
    }

    @Test
    void aModelStatusQuestionIsAnsweredByTheAgentThroughTheRegistryTool() {
        given().contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"What is the status of the loan-risk model?\"}]}")
                .when().post("/v1/chat/completions").then()
                .statusCode(200)
                .body("flywheel.route", equalTo("agent"))
                .body("flywheel.refused", equalTo(false))
                .body("choices[0].message.content", containsString("registry"));

        List<String> calls = fake.received("primary");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).contains("modelStatus").contains("\"tools\"");
        assertThat(calls.get(1)).containsPattern("\"role\"\\s*:\\s*\"tool\"").contains("The registry has no model named loan-risk");
    }

    @Test
    void aLoanRiskQuestionIsAnsweredByTheScoringToolWithTheServedModelsOwnScore() throws Exception {
        byte[] artifact = LendingClub.logisticRegression(7);
        served.swap("agent-loan-risk", ServingState.of(loader.load("agent-loan-risk", 4, artifact,
                Sha256.hex(artifact))));
        int row = 21;
        ObjectNode features = new ObjectMapper().createObjectNode();
        ObjectNode request = LendingClub.request(row);
        request.withArray("inputs").forEach(input -> features.set(input.path("name").asText(),
                input.path("data").get(0)));
        ObjectNode arguments = new ObjectMapper().createObjectNode().put("model", "agent-loan-risk")
                .put("row", features.toString());
        fake.toolCall("primary", "scoreRow", arguments.toString());

        given().contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"What is the risk of this loan?\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200)
                .body("flywheel.route", equalTo("agent")).body("flywheel.refused", equalTo(false));

        List<String> calls = fake.received("primary");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).contains("scoreRow").contains("modelStatus");
        String expected = String.format(java.util.Locale.ROOT, "%.4f", LendingClub.expected(artifact, row)[0]);
        assertThat(calls.get(1)).contains("Model agent-loan-risk v4 scores this row " + expected);
    }

    @Test
    void aRowWithAnUnknownFeatureOrAnUnservedModelIsExplainedToTheAgentNotFailed() {
        byte[] artifact = LendingClub.logisticRegression(7);
        served.swap("agent-loan-risk", ServingState.of(loader.load("agent-loan-risk", 4, artifact,
                Sha256.hex(artifact))));
        fake.toolCall("primary", "scoreRow", "{\"model\":\"agent-loan-risk\",\"row\":\"{\\\"shoe_size\\\": 44}\"}");
        given().contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"What is the risk of this loan?\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200).body("flywheel.route", equalTo("agent"));
        assertThat(fake.received("primary").get(1)).contains("the model has no feature 'shoe_size'");

        fake.reset();
        fake.answering("primary", FakeOpenAi.Answering.TOOL)
                .toolCall("primary", "scoreRow", "{\"model\":\"no-such-model\",\"row\":\"{}\"}");
        given().contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Predict the risk of this loan.\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200).body("flywheel.route", equalTo("agent"));
        assertThat(fake.received("primary").get(1)).contains("No tabular model named no-such-model is served here");
    }

    @Test
    void otherQuestionsGoToRetrieval() {
        fake.answering("primary", FakeOpenAi.Answering.CONTEXT);
        given().contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"How do I sort a list?\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200)
                .body("flywheel.route", equalTo("rag"));
        assertThat(fake.received("primary").get(0)).doesNotContain("\"tools\"");
    }
}
