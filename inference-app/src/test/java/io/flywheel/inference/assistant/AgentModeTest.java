package io.flywheel.inference.assistant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.inference.DatabaseTestResource;
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
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeProviderResource.class)
class AgentModeTest {

    @FakeProvider
    FakeOpenAi fake;
    @Inject
    CircuitBreakerMaintenance circuits;

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
    void otherQuestionsGoToRetrieval() {
        fake.answering("primary", FakeOpenAi.Answering.CONTEXT);
        given().contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"How do I sort a list?\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200)
                .body("flywheel.route", equalTo("rag"));
        assertThat(fake.received("primary").get(0)).doesNotContain("\"tools\"");
    }
}
