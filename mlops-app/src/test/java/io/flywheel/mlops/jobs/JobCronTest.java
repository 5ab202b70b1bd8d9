package io.flywheel.mlops.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.Eventually;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(JobCronTest.EveryMinute.class)
@QuarkusTestResource(DatabaseTestResource.class)
class JobCronTest {

    /** Gives the heartbeat job a one-minute cron, as an operator would with {@code flywheel.jobs.<name>.cron}. */
    public static class EveryMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flywheel.jobs." + HeartbeatJob.NAME + ".cron", "* * * * *",
                    "flywheel.jobs." + GatedJob.NAME + ".cron", "off");
        }
    }

    @Test
    void aJobRunsOnTheCronItsConfigurationGivesIt() {
        given().when().get("/api/jobs").then().statusCode(200)
                .body("find { it.name == '" + HeartbeatJob.NAME + "' }.schedule", equalTo("* * * * *"))
                .body("find { it.name == '" + HeartbeatJob.NAME + "' }.next_run", notNullValue())
                .body("find { it.name == '" + GatedJob.NAME + "' }.schedule", equalTo(null));

        JsonPath page = Eventually.until(() -> given().queryParam("job", HeartbeatJob.NAME)
                        .queryParam("status", "succeeded").when().get("/api/jobs/runs").jsonPath(),
                runs -> runs.getLong("total") > 0, Duration.ofSeconds(150), "a run started by the cron");
        assertThat(page.getString("runs[0].trigger")).isEqualTo("schedule");
        assertThat(page.getString("runs[0].triggered_by")).isEqualTo("scheduler");
    }
}
