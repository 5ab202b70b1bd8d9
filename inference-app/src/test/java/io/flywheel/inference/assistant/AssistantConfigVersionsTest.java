package io.flywheel.inference.assistant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.AssistantConfigCodec;
import io.flywheel.testing.FakeOpenAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deployed assistant-config versions change routing, prompts and refusals; bad versions are refused. */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeProviderResource.class)
class AssistantConfigVersionsTest {

    @FakeProvider
    FakeOpenAi fake;
    @Inject
    AssistantConfigLoader loader;
    @Inject
    ActiveAssistantConfig active;
    @Inject
    CircuitBreakerMaintenance circuits;

    private ServedConfig builtIn;

    @BeforeEach
    void remember() {
        fake.reset();
        circuits.resetAll();
        builtIn = active.current();
    }

    @AfterEach
    void restore() {
        active.swap(builtIn);
    }

    private static AssistantConfig routedTo(String provider, String refusal) {
        AssistantConfig defaults = AssistantConfig.defaults();
        return new AssistantConfig(new AssistantConfig.Prompts(defaults.prompts().system(), defaults.prompts().user(),
                refusal), new AssistantConfig.Routing(new AssistantConfig.Route(provider, "model-x"), null),
                defaults.generation(), defaults.retrieval(), defaults.safety());
    }

    @Test
    void aDeployedVersionIsServedWithItsRoutingAndNamedInEveryAnswer() {
        byte[] artifact = AssistantConfigCodec.write(routedTo("fallback-llm", "Sorry, no."));
        loader.deploy("assistant", "7", artifact, AssistantConfigLoader.sha256(artifact));

        given().contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"How do I sort a list?\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200)
                .body("flywheel.config_version", equalTo("7"))
                .body("flywheel.provider", equalTo("fallback-llm"));
        given().when().get("/v1/models").then().body("data[0].version", equalTo("7"));
        assertThat(fake.requestCount("primary")).isZero();
        assertThat(fake.received("fallback").get(0)).contains("model-x");
    }

    @Test
    void aVersionWithAnUnknownProviderOrAWrongHashIsRefusedAndTheServedOneStays() {
        byte[] unknown = AssistantConfigCodec.write(routedTo("nowhere-llm", "No."));
        assertThatThrownBy(() -> loader.deploy("assistant", "8", unknown, AssistantConfigLoader.sha256(unknown)))
                .hasMessageContaining("routing.primary.provider");
        byte[] good = AssistantConfigCodec.write(routedTo("fallback-llm", "No."));
        assertThatThrownBy(() -> loader.deploy("assistant", "9", good, "00".repeat(32)))
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> loader.deploy("assistant", "10", "{\"prompts\":".getBytes(),
                AssistantConfigLoader.sha256("{\"prompts\":".getBytes()))).hasMessageContaining("not an assistant");

        assertThat(active.current()).isEqualTo(builtIn);
        assertThat(List.of(active.current().version())).containsExactly(ActiveAssistantConfig.BUILT_IN);
    }
}
