package io.flywheel.mlops.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class AuditLogTest {

    private static long append(String action, String target) {
        return given().contentType("application/json")
                .body("{\"actor\":\"key:alice\",\"trigger\":\"api\",\"action\":\"" + action + "\",\"target\":\""
                        + target + "\",\"reasoning\":\"because\",\"outcome\":\"succeeded\","
                        + "\"details\":{\"z\":1,\"a\":[true,\"x\"],\"nested\":{\"b\":2.5,\"a\":null}}}")
                .when().post("/test-audit").then().statusCode(200).extract().asString().transform(Long::parseLong);
    }

    private static JsonPath verify() {
        return given().when().get("/api/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void appendedEntriesFormAnIntactChainListedNewestFirst() {
        long first = append("model.version.stage", "model:credit-risk/1");
        long second = append("key.revoke", "key:abc");

        assertThat(second).isEqualTo(first + 1);
        JsonPath listed = given().queryParam("limit", 2).when().get("/api/audit").then().statusCode(200)
                .extract().jsonPath();
        assertThat(listed.getLong("[0].seq")).isEqualTo(second);
        assertThat(listed.getString("[0].prev_hash")).isEqualTo(listed.getString("[1].hash"));
        assertThat(listed.getMap("[0].details")).containsKeys("a", "nested", "z");
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    @Test
    void entriesCanBeListedForOneTarget() {
        append("model.alias.set", "model:fraud/7");
        given().queryParam("target", "model:fraud/7").when().get("/api/audit").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].action", equalTo("model.alias.set"));
    }

    @Test
    void concurrentAppendsStayOneGaplessChain() {
        List<CompletableFuture<Long>> appends = IntStream.range(0, 24)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> append("job.run", "job:retrain/" + i)))
                .toList();
        List<Long> seqs = appends.stream().map(CompletableFuture::join).sorted().toList();

        assertThat(seqs).doesNotHaveDuplicates();
        assertThat(seqs.get(seqs.size() - 1) - seqs.get(0)).isEqualTo(seqs.size() - 1);
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteAnEntry() throws SQLException {
        long seq = append("model.version.stage", "model:credit-risk/2");
        try (Connection connection = TestDatabase.shared().connect();
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate(
                    "UPDATE mlops.audit_entry SET outcome = 'failed' WHERE seq = " + seq))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM mlops.audit_entry WHERE seq = " + seq))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE mlops.audit_entry"))
                    .hasMessageContaining("append-only");
        }
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    @Test
    void verifyNamesAnEntryChangedBehindTheTriggersBack() throws SQLException {
        long tampered = append("model.version.stage", "model:credit-risk/3");
        append("model.version.stage", "model:credit-risk/4");
        try (Connection connection = TestDatabase.shared().connect();
             Statement statement = connection.createStatement()) {
            // a superuser can switch triggers off: what verify exists for
            statement.execute("SET session_replication_role = replica");
            statement.executeUpdate("UPDATE mlops.audit_entry SET approver = 'mallory' WHERE seq = " + tampered);
            try {
                JsonPath result = verify();
                assertThat(result.getBoolean("intact")).isFalse();
                assertThat(result.getLong("first_broken.seq")).isEqualTo(tampered);
                assertThat(result.getString("first_broken.reason")).contains("a field was changed");
                assertThat(result.getLong("entries")).isEqualTo(tampered - 1);
            } finally {
                statement.executeUpdate("UPDATE mlops.audit_entry SET approver = NULL WHERE seq = " + tampered);
            }
        }
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    @Test
    void verifyNamesTheGapWhereAnEntryWasRemoved() throws SQLException {
        long removed = append("dataset.delete", "dataset:abc");
        append("dataset.delete", "dataset:def");
        try (Connection connection = TestDatabase.shared().connect();
             Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            statement.execute("CREATE TEMP TABLE kept AS SELECT * FROM mlops.audit_entry WHERE seq = " + removed);
            statement.executeUpdate("DELETE FROM mlops.audit_entry WHERE seq = " + removed);
            try {
                JsonPath result = verify();
                assertThat(result.getBoolean("intact")).isFalse();
                assertThat(result.getLong("first_broken.seq")).isEqualTo(removed + 1);
                assertThat(result.getString("first_broken.reason")).contains("entry " + removed + " is missing");
            } finally {
                statement.executeUpdate("INSERT INTO mlops.audit_entry SELECT * FROM kept");
            }
        }
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    @Test
    void anAppendOutsideATransactionIsRefusedAndNothingIsWritten() throws SQLException {
        long before = newestSeq();
        given().contentType("application/json")
                .body("{\"actor\":\"job:drift\",\"trigger\":\"schedule\",\"action\":\"drift.run\",\"target\":\"x\"}")
                .when().post("/test-audit/outside-transaction").then().statusCode(500);
        assertThat(newestSeq()).isEqualTo(before);
    }

    @Test
    void aListLimitOutOfRangeIsAProblemNamingTheParameter() {
        given().queryParam("limit", 0).when().get("/api/audit").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
    }

    private static long newestSeq() throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT coalesce(max(seq), 0) FROM mlops.audit_entry");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
