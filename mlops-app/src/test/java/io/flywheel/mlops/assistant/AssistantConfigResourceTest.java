package io.flywheel.mlops.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.AssistantConfigCodec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Assistant configurations are edited through the API as new, validated, immutable Staging versions. */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class AssistantConfigResourceTest {

    @Test
    void eachEditIsANewStagingVersionAndEarlierVersionsStayAsTheyWere() {
        String name = "assistant-" + UUID.randomUUID().toString().substring(0, 8);
        AssistantConfig first = AssistantConfig.defaults();
        post(name, AssistantConfigCodec.write(first)).then().statusCode(201)
                .header("Location", containsString("/api/assistant-configs/" + name + "/versions/1"))
                .body("version", equalTo(1)).body("kind", equalTo("assistant-config")).body("stage", equalTo("Staging"))
                .body("params.k", equalTo("5")).body("params.primary", equalTo("extractive/extractive"));
        AssistantConfig second = new AssistantConfig(first.prompts(), first.routing(), first.generation(),
                new AssistantConfig.Retrieval(8, 0.3), first.safety());
        post(name, AssistantConfigCodec.write(second)).then().statusCode(201).body("version", equalTo(2));

        given().when().get("/api/assistant-configs/" + name + "/versions/1").then().statusCode(200)
                .body("retrieval.k", equalTo(5));
        given().when().get("/api/assistant-configs/" + name + "/versions/2").then().statusCode(200)
                .body("retrieval.k", equalTo(8)).body("retrieval.min_score", equalTo(0.3f));
    }

    @Test
    void anInvalidConfigurationIsRefusedNamingEveryFieldAndNothingIsRegistered() {
        String name = "assistant-" + UUID.randomUUID().toString().substring(0, 8);
        AssistantConfig defaults = AssistantConfig.defaults();
        AssistantConfig invalid = new AssistantConfig(new AssistantConfig.Prompts(defaults.prompts().system(),
                "no placeholder", defaults.prompts().refusal()), defaults.routing(),
                new AssistantConfig.Generation(5.0, 512), defaults.retrieval(), defaults.safety());
        post(name, AssistantConfigCodec.write(invalid)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("prompts.user", "generation.temperature"));
        given().when().get("/api/models/" + name).then().statusCode(404);
    }

    @Test
    void bodiesThatAreNotAConfigurationAreProblems() {
        String name = "assistant-" + UUID.randomUUID().toString().substring(0, 8);
        post(name, "{\"prompts\": ".getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .contentType("application/problem+json");
        String unknown = new String(AssistantConfigCodec.write(AssistantConfig.defaults()), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"temperature_typo\": 1, ");
        post(name, unknown.getBytes(StandardCharsets.UTF_8)).then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("temperature_typo"));
        given().when().get("/api/assistant-configs/" + name + "/versions/1").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aRegistryUploadOfAnInvalidConfigurationIsRefusedToo() {
        AssistantConfig defaults = AssistantConfig.defaults();
        AssistantConfig invalid = new AssistantConfig(defaults.prompts(), defaults.routing(),
                new AssistantConfig.Generation(0.2, -1), defaults.retrieval(), defaults.safety());
        given().multiPart("artifact", "config.json", AssistantConfigCodec.write(invalid), "application/json")
                .multiPart("metadata", "{\"kind\":\"assistant-config\"}", "application/json")
                .when().post("/api/models/assistant-" + UUID.randomUUID().toString().substring(0, 8) + "/versions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("generation.max_tokens"));
    }

    private static io.restassured.response.Response post(String name, byte[] body) {
        return given().contentType("application/json").queryParam("name", name).body(body).when()
                .post("/api/assistant-configs");
    }
}
