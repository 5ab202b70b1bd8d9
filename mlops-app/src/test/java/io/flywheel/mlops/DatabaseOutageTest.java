package io.flywheel.mlops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class DatabaseOutageTest {

    @AfterEach
    void databaseIsBack() {
        TestDatabase.shared().start();
    }

    @Test
    void readinessReportsTheDatabaseDownWithTheReasonAndRecoversWhenItReturns() {
        assertThat(readinessUntil(r -> r.statusCode() == 200).jsonPath().getString("status")).isEqualTo("UP");

        TestDatabase.shared().stop();
        Response down = readinessUntil(r -> r.statusCode() == 503);
        assertThat(down.jsonPath().getString("status")).isEqualTo("DOWN");
        assertThat(down.jsonPath().getList("checks.findAll { it.status == 'DOWN' }.name", String.class))
                .anyMatch(name -> name.contains("PostgreSQL") || name.contains("Database"));
        assertThat(down.asString()).containsIgnoringCase("connect");

        TestDatabase.shared().start();
        assertThat(readinessUntil(r -> r.statusCode() == 200).jsonPath().getString("status")).isEqualTo("UP");
    }

    private static Response readinessUntil(Predicate<Response> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = given().when().get("/q/health/ready").andReturn();
            if (condition.test(last)) {
                return last;
            }
            sleep();
        }
        throw new AssertionError("readiness never reached the expected state; last answer: "
                + (last == null ? "none" : last.statusCode() + " " + last.asString()));
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
