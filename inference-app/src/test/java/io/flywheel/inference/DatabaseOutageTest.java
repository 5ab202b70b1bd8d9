package io.flywheel.inference;

import static io.restassured.RestAssured.given;

import io.flywheel.inference.tabular.Await;
import io.flywheel.inference.tabular.LendingClub;
import io.flywheel.testing.FakeMlopsApp;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With PostgreSQL down, inference keeps answering from memory and the pod stays ready; the prediction log drops and
 * counts what it cannot write; once the database is back, predictions are written again.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeMlopsResource.class)
class DatabaseOutageTest {

    private static final String MODEL = "outage-credit";

    @FakeMlops
    FakeMlopsApp mlops;

    @AfterEach
    void databaseIsBack() {
        TestDatabase.shared().start();
    }

    @Test
    void inferenceAnswersFromMemoryWhileTheDatabaseIsDownAndLogsAgainWhenItReturns() {
        mlops.deploy(MODEL, LendingClub.KIND, LendingClub.version(1, LendingClub.boostedTrees(131)));
        Await.serving(MODEL, "1");
        double dropped = ScrapedMetrics.sum("flywheel_prediction_log_dropped_total");

        TestDatabase.shared().stop();
        for (int i = 0; i < 20; i++) {
            infer();
        }
        given().when().get("/q/health/ready").then().statusCode(200);
        ScrapedMetrics.awaitAbove("flywheel_prediction_log_dropped_total", dropped);

        TestDatabase.shared().start();
        double written = ScrapedMetrics.sum("flywheel_prediction_log_written_total");
        infer();
        ScrapedMetrics.awaitAbove("flywheel_prediction_log_written_total", written);
    }

    private static void infer() {
        given().contentType("application/json").body(LendingClub.json(LendingClub.request(1, 2)))
                .when().post("/v2/models/" + MODEL + "/infer").then().statusCode(200);
    }
}
