package io.flywheel.inference.tabular;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.FakeMlops;
import io.flywheel.inference.FakeMlopsResource;
import io.flywheel.testing.FakeMlopsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile requests each get the right 4xx as {@code application/problem+json}, naming what is wrong
 * (and carrying the protocol's {@code error} string), never a 500; and the model keeps answering good requests.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeMlopsResource.class)
class HostileRequestsTest {

    private static final String MODEL = "hostile-credit";
    private static final String INFER = "/v2/models/" + MODEL + "/infer";

    @FakeMlops
    FakeMlopsApp mlops;
    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void deployed() {
        mlops.deploy(MODEL, LendingClub.KIND, LendingClub.version(1, LendingClub.randomForest(21)));
        Await.serving(MODEL, "1");
    }

    private static ValidatableResponse post(String body, int status) {
        return given().contentType("application/json").body(body).when().post(INFER).then().statusCode(status)
                .contentType("application/problem+json").body("status", equalTo(status))
                .body("instance", equalTo(INFER)).body("error", startsWith(""));
    }

    private static ObjectNode input(ObjectNode request, String feature) {
        for (var input : request.withArray("inputs")) {
            if (input.get("name").asText().equals(feature)) {
                return (ObjectNode) input;
            }
        }
        throw new IllegalArgumentException(feature);
    }

    @Test
    void aWrongDatatypeNamesTheInput() {
        ObjectNode request = LendingClub.request(1, 2);
        input(request, "term").put("datatype", "FP64");

        post(LendingClub.json(request), 422).body("type", equalTo("urn:flywheel:problem:invalid-request"))
                .body("errors[0].field", equalTo("inputs[1].datatype"))
                .body("errors[0].message", containsString("categorical"));
    }

    @Test
    void aMissingFeatureIsNamed() {
        ObjectNode request = LendingClub.request(1);
        ArrayNode inputs = request.withArray("inputs");
        inputs.remove(2);

        post(LendingClub.json(request), 422).body("errors[0].field", equalTo("inputs"))
                .body("errors[0].message", containsString("`int_rate`"));
    }

    @Test
    void nanAndInfinityAreRefusedNamingTheInputAndTheRow() {
        String rows = LendingClub.json(LendingClub.request(1, 2, 3));
        String nan = rows.replaceFirst("(\"name\":\"annual_inc\",\"datatype\":\"FP64\",\"shape\":\\[3],\"data\":\\[)"
                + "([^,]+),([^,]+)", "$1$2,NaN");
        String infinity = rows.replaceFirst("(\"name\":\"int_rate\",\"datatype\":\"FP64\",\"shape\":\\[3],\"data\":\\[)"
                + "([^,]+)", "$1-Infinity");
        assertThat(nan).contains("NaN");
        assertThat(infinity).contains("-Infinity");

        post(nan, 422).body("errors[0].field", equalTo("inputs[6].data[1]"))
                .body("detail", containsString("row 1 of `annual_inc` is NaN"));
        post(infinity, 422).body("errors[0].field", equalTo("inputs[2].data[0]"))
                .body("detail", containsString("-Infinity"));
    }

    @Test
    void aWrongShapeIsNamed() {
        ObjectNode request = LendingClub.request(1, 2);
        input(request, "funded_amnt").putArray("shape").add(2).add(2);
        post(LendingClub.json(request), 422).body("errors[0].field", equalTo("inputs[0].shape"));

        ObjectNode mismatched = LendingClub.request(1, 2);
        input(mismatched, "funded_amnt").putArray("shape").add(3);
        post(LendingClub.json(mismatched), 422).body("errors[0].field", equalTo("inputs[1].shape"))
                .body("errors[0].message", containsString("has 2 rows, the inputs before it 3"));
    }

    @Test
    void aTenMegabyteBodyIsRefusedWithAProblemWhetherItsLengthIsDeclaredOrNot() throws Exception {
        for (boolean chunked : new boolean[] {false, true}) {
            RawHttp.Answer answer = RawHttp.postSpaces(base, INFER, 10L * 1024 * 1024, chunked);

            assertThat(answer.status()).as("chunked: " + chunked).isEqualTo(413);
            assertThat(answer.head()).containsIgnoringCase("content-type: application/problem+json");
            assertThat(answer.body()).contains("urn:flywheel:problem:payload-too-large");
        }
    }

    @Test
    void aMillionRowsAreRefusedWhetherDeclaredOrSent() {
        ObjectNode declared = LendingClub.request(1);
        input(declared, "funded_amnt").putArray("shape").add(1_000_000);
        post(LendingClub.json(declared), 413).body("detail", containsString("1000000 rows"));

        String million = "{\"inputs\":[{\"name\":\"funded_amnt\",\"shape\":[1000000],\"datatype\":\"FP64\",\"data\":["
                + "0,".repeat(999_999) + "0]}]}";
        assertThat(million.getBytes(StandardCharsets.UTF_8).length).isLessThan(4 * 1024 * 1024);
        post(million, 413).body("detail", containsString("tensor elements"));
    }

    @Test
    void anUnknownModelOrVersionIsNotFound() {
        given().contentType("application/json").body(LendingClub.json(LendingClub.request(1)))
                .when().post("/v2/models/no-such-model/infer").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:flywheel:problem:not-found"))
                .body("detail", containsString("no-such-model"));
        given().when().get("/v2/models/no-such-model").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/v2/models/" + MODEL + "/versions/9").then().statusCode(404);
    }

    @Test
    void bodiesThatAreNotJsonAreBadRequests() {
        post("{\"inputs\": [", 400).body("type", equalTo("urn:flywheel:problem:malformed-request"))
                .body("detail", containsString("line 1"));
        post("", 400);
        post("\u00ff\u00fe garbage", 400);
        post("[1, 2, 3]", 422);
        post("{\"inputs\": 3}", 422).body("errors[0].field", equalTo("inputs"));
    }

    @Test
    void theBinaryExtensionAndUnknownOutputsAreRefusedWithAReason() {
        given().contentType("application/octet-stream").header("Inference-Header-Content-Length", "20")
                .body(LendingClub.json(LendingClub.request(1)).getBytes(StandardCharsets.UTF_8)).when().post(INFER).then().statusCode(415)
                .contentType("application/problem+json").body("detail", containsString("binary"));
        ObjectNode request = LendingClub.request(1);
        request.putArray("outputs").addObject().put("name", "logits");
        post(LendingClub.json(request), 422).body("errors[0].field", equalTo("outputs[0].name"));
    }

    @Test
    void theModelStillAnswersAfterAllOfIt() {
        given().contentType("application/json").body(LendingClub.json(LendingClub.request(1)))
                .when().post(INFER).then().statusCode(200).body("model_version", equalTo("1"));
        given().when().get(INFER).then().statusCode(405).contentType("application/problem+json");
    }
}
