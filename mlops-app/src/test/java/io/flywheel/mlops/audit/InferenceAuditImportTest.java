package io.flywheel.mlops.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.InferenceSchema;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * inference-app's audit events (its own migrations, rows written as its AuditTrail writes them) end up in the
 * platform's chain, each once, in order, and the chain stays intact.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class InferenceAuditImportTest {

    @Inject
    InferenceAuditImport importer;

    @BeforeEach
    void inferenceSchemaMigratedByItsOwnMigrations() {
        InferenceSchema.migrate();
    }

    @Test
    void aRepersonalisationRecordedByInferenceAppIsChainedOnceWithItsDetails() throws Throwable {
        String answer = UUID.randomUUID().toString();
        try (Connection connection = TestDatabase.shared().connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO inference.audit_event "
                     + "(actor, action, subject, details) VALUES (?, ?, ?, ?::jsonb)")) {
            insert.setString(1, "key:support-lead");
            insert.setString(2, "answer.repersonalize");
            insert.setString(3, "answer:" + answer);
            insert.setString(4, "{\"pseudonyms\": 2}");
            insert.executeUpdate();
        }

        int chained = VertxContextSupport.subscribeAndAwait(importer::importNew);
        int again = VertxContextSupport.subscribeAndAwait(importer::importNew);

        assertThat(chained).isPositive();
        assertThat(again).isZero();
        JsonPath entries = given().queryParam("target", "answer:" + answer).when().get("/api/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(entries.getList("action")).containsExactly("answer.repersonalize");
        assertThat(entries.getString("[0].actor")).isEqualTo("key:support-lead");
        assertThat(entries.getString("[0].trigger")).isEqualTo("inference-app");
        assertThat(entries.getInt("[0].details.pseudonyms")).isEqualTo(2);
        assertThat(entries.getLong("[0].details.inference_event_id")).isPositive();
        given().when().get("/api/audit/verify").then().statusCode(200)
                .body("intact", org.hamcrest.Matchers.equalTo(true));
    }
}
