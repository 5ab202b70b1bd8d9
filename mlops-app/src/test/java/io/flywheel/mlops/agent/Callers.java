package io.flywheel.mlops.agent;

import static io.restassured.RestAssured.given;

import io.flywheel.mlops.access.AccessEnabledProfile;
import io.flywheel.mlops.access.Roles;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One API key per role, made through the API with the bootstrap admin key, for tests that run with access on. */
final class Callers {

    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    private Callers() {
    }

    /** A request authenticated as a key of the role. */
    static RequestSpecification as(String role) {
        return given().auth().oauth2(key(role));
    }

    static synchronized String key(String role) {
        if (KEYS.isEmpty()) {
            for (String each : List.of(Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER, Roles.ADMIN)) {
                KEYS.put(each, given().auth().oauth2(AccessEnabledProfile.BOOTSTRAP_KEY).contentType("application/json")
                        .body("{\"name\":\"agent-" + each + "-" + System.nanoTime() + "\",\"role\":\"" + each + "\"}")
                        .when().post("/api/keys").then().statusCode(201).extract().path("key"));
            }
        }
        return KEYS.get(role);
    }
}
