package io.flywheel.inference.tabular;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** Waiting for the app under test to reach a state, with deadlines generous enough for a busy 2-core machine. */
public final class Await {

    public static final Duration DEADLINE = Duration.ofMinutes(2);

    private Await() {
    }

    /** A JSON body read with numbers as doubles (RestAssured's default, float, would lose the digits compared). */
    public static JsonPath exactly(String json) {
        return new JsonPath(json).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** Until the model's metadata lists exactly these versions (stable first). */
    public static void serving(String model, String... versions) {
        until("/v2/models/" + model, answer -> answer.statusCode() == 200
                && answer.jsonPath().getList("versions", String.class).equals(List.of(versions)));
    }

    /** Until the model is not served any more (404). */
    public static void notServing(String model) {
        until("/v2/models/" + model, answer -> answer.statusCode() == 404);
    }

    /** Until a GET of the path answers as the condition wants; fails with the last answer otherwise. */
    public static Response until(String path, Predicate<Response> condition) {
        Instant deadline = Instant.now().plus(DEADLINE);
        Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = given().when().get(path).andReturn();
            if (condition.test(last)) {
                return last;
            }
            pause(Duration.ofMillis(100));
        }
        throw new AssertionError(path + " never reached the expected state; last answer: "
                + (last == null ? "none" : last.statusCode() + " " + last.asString()));
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
