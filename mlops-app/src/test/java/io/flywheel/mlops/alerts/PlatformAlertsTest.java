package io.flywheel.mlops.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.DatabaseTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The platform's own alerts, fired as CDI events by drift, validation, rollout and anomaly detection, reach the agent. */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class PlatformAlertsTest {

    @Inject
    Event<PlatformAlert> alerts;

    @Test
    void aValidationAlertFiredInsideTheAppIsStoredDiagnosedAndNotifiedWithoutASignature() {
        String model = "churn-" + UUID.randomUUID();
        alerts.fireAsync(new PlatformAlert("validation", "data-validation", "critical", model,
                "rule max-null-rate failed on column income (12% > 5%)", Map.of("rule", "max-null-rate",
                "column", "income")));

        JsonPath alert = awaitAlertAbout(model);

        assertThat(alert.getString("source")).isEqualTo("platform:validation");
        assertThat(alert.getString("category")).isEqualTo("data-validation");
        assertThat(alert.getString("diagnosis")).contains("platform alert's kind");
        assertThat(alert.getList("actions.type")).containsExactly("notify");
        assertThat(alert.getString("payload.column")).isEqualTo("income");
    }

    private static JsonPath awaitAlertAbout(String model) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonPath listed = given().queryParam("limit", 200).when().get("/api/alerts").then().statusCode(200)
                    .extract().jsonPath();
            Map<String, Object> found = listed.get("find { it.subject == '" + model + "' }");
            if (found != null) {
                return new JsonPath(given().when().get("/api/alerts/" + found.get("id")).then().statusCode(200)
                        .extract().asString());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("the platform alert about " + model + " was never stored");
    }
}
