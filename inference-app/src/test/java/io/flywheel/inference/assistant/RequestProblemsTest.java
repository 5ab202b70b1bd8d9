package io.flywheel.inference.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.flywheel.inference.DatabaseTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Every request the gateway cannot serve as sent gets its problem, naming the field; none is a 5xx. */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeProviderResource.class)
class RequestProblemsTest {

    private static ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).when().post("/v1/chat/completions").then()
                .contentType("application/problem+json");
    }

    private static String user(String content) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }

    @Test
    void malformedJsonIs400() {
        post("{\"messages\": [").statusCode(400).body("type", equalTo("urn:flywheel:problem:malformed-request"));
    }

    @Test
    void wrongShapesAndValuesAre422NamingTheField() {
        post("{}").statusCode(422).body("errors.field", hasItem("messages"));
        post("{\"messages\":[]}").statusCode(422).body("errors.field", hasItem("messages"));
        post("{\"messages\":\"hello\"}").statusCode(422).body("errors.field", hasItem("messages"));
        post("{\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}").statusCode(422)
                .body("errors.field", hasItem("messages[0].role"));
        post("{\"messages\":[{\"role\":\"user\"}]}").statusCode(422).body("errors.field", hasItem("messages[0].content"));
        post("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}")
                .statusCode(422).body("errors.field", hasItem("messages[1]"));
        post(user("q").replace("]}", "],\"temperature\":3}")).statusCode(422).body("errors.field", hasItem("temperature"));
        post(user("q").replace("]}", "],\"max_tokens\":0}")).statusCode(422).body("errors.field", hasItem("max_tokens"));
        post(user("q").replace("]}", "],\"temperature\":\"hot\"}")).statusCode(422)
                .body("errors.field", hasItem("temperature"));
    }

    @Test
    void tooManyMessagesIs422() {
        StringBuilder many = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 65; i++) {
            many.append("{\"role\":\"user\",\"content\":\"q").append(i).append("\"},");
        }
        many.setLength(many.length() - 1);
        post(many.append("]}").toString()).statusCode(422).body("errors.field", hasItem("messages"));
    }

    @Test
    void anOverlongMessageAndAnOversizedBodyAre413() {
        post(user("x".repeat(8_001))).statusCode(413).body("errors.field", hasItem("messages[0].content"));
        post(user("y".repeat(300_000))).statusCode(413)
                .body("type", equalTo("urn:flywheel:problem:payload-too-large"));
    }

    @Test
    void anUnknownModelIs404() {
        post("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}").statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("assistant"));
    }

    @Test
    void feedbackIsValidatedIdempotentAndNeedsAKnownAnswer() {
        String answerId = given().contentType("application/json").body(user("How do I sort a list?")).when()
                .post("/v1/chat/completions").then().statusCode(200).extract().path("flywheel.answer_id");
        String feedback = "{\"answer_id\":\"" + answerId + "\",\"rating\":%d,\"comment\":\"%s\"}";

        given().contentType("application/json").body(feedback.formatted(5, "great")).when().post("/v1/feedback")
                .then().statusCode(201).body("rating", equalTo(5)).body("created", equalTo(true));
        given().contentType("application/json").body(feedback.formatted(4, "good")).when().post("/v1/feedback")
                .then().statusCode(200).body("rating", equalTo(4)).body("created", equalTo(false));

        given().contentType("application/json").body(feedback.formatted(9, "x")).when().post("/v1/feedback")
                .then().statusCode(422).body("errors.field", hasItem("rating"));
        given().contentType("application/json").body("{\"answer_id\":\"" + java.util.UUID.randomUUID()
                + "\",\"rating\":3}").when().post("/v1/feedback").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{\"answer_id\":\"" + answerId
                + "\",\"prediction_id\":\"p-1\",\"rating\":3}").when().post("/v1/feedback").then().statusCode(422)
                .body("errors.field", hasItem("answer_id"));
        given().contentType("application/json").body("{\"rating\":3}").when().post("/v1/feedback").then()
                .statusCode(422);
        given().contentType("application/json").body("{\"prediction_id\":\"p-1\",\"label\":\"1\"}").when()
                .post("/v1/feedback").then().statusCode(404);
    }
}
