package io.flywheel.mlops.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.shared.access.ApiKeys;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class ApiKeyResourceTest {

    private static Response create(String name, String role) {
        return given().contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"requests_per_second\":5,"
                        + "\"daily_token_budget\":100000,\"max_tokens_per_request\":1024}")
                .when().post("/api/keys");
    }

    @Test
    void aNewKeyIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        Response created = create("support-bot", "operator");
        created.then().statusCode(201)
                .body("key", startsWith(ApiKeys.PREFIX))
                .body("details.name", equalTo("support-bot"))
                .body("details.role", equalTo("operator"))
                .body("details.requests_per_second", equalTo(5.0f))
                .body("details.daily_token_budget", equalTo(100000))
                .body("details.max_tokens_per_request", equalTo(1024));
        String key = created.jsonPath().getString("key");
        String id = created.jsonPath().getString("details.id");

        given().when().get("/api/keys").then().statusCode(200)
                .body("name", hasItem("support-bot"))
                .body("find { it.id == '" + id + "' }.key", nullValue())
                .body("find { it.id == '" + id + "' }.hash", nullValue())
                .body("find { it.id == '" + id + "' }.prefix", equalTo(key.substring(0, 11)));
        try (Connection connection = TestDatabase.shared().connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT hash FROM mlops.api_key WHERE id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(ApiKeys.hash(key)).doesNotContain(key);
        }
    }

    @Test
    void revokedKeysLeaveThePublishedSetAndTheEtagChanges() {
        String id = create("to-revoke", "viewer").then().statusCode(201).extract().path("details.id");
        Response first = given().when().get("/internal/keys");
        first.then().statusCode(200).body("keys.name", hasItem("to-revoke")).header("ETag", notNullValue());
        String etag = first.getHeader("ETag");
        given().header("If-None-Match", etag).when().get("/internal/keys").then().statusCode(304);

        given().when().delete("/api/keys/" + id).then().statusCode(200).body("revoked_at", notNullValue());
        given().when().delete("/api/keys/" + id).then().statusCode(200);
        // with access off every caller is the local admin: creation and the one real revocation are audited as such
        given().queryParam("target", "key:" + id).when().get("/api/audit").then().statusCode(200)
                .body("action", org.hamcrest.Matchers.contains("key.revoke", "key.create"))
                .body("actor", org.hamcrest.Matchers.everyItem(equalTo("local-admin")));

        given().header("If-None-Match", etag).when().get("/internal/keys").then().statusCode(200)
                .header("ETag", not(equalTo(etag)))
                .body("keys.name", not(hasItem("to-revoke")))
                .body("keys[0].hash", notNullValue());
    }

    @Test
    void aLiveNameIsUniqueButARevokedNameMayBeReused() {
        String id = create("unique-name", "viewer").then().statusCode(201).extract().path("details.id");
        create("unique-name", "viewer").then().statusCode(409).contentType("application/problem+json");
        given().when().delete("/api/keys/" + id).then().statusCode(200);
        create("unique-name", "viewer").then().statusCode(201);
    }

    @Test
    void badKeyRequestsNameEveryOffendingField() {
        given().contentType("application/json")
                .body("{\"name\":\"\",\"role\":\"root\",\"requests_per_second\":-1,\"daily_token_budget\":-5,"
                        + "\"max_tokens_per_request\":-2}")
                .when().post("/api/keys").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "role", "requests_per_second", "daily_token_budget",
                        "max_tokens_per_request"));
        given().contentType("application/json").body("{\"name\": ").when().post("/api/keys").then().statusCode(400);
        given().when().delete("/api/keys/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
