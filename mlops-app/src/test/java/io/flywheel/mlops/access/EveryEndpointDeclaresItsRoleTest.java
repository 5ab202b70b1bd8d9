package io.flywheel.mlops.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.flywheel.mlops.DatabaseTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.flywheel.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With access on, every endpoint of the app (discovered from its JAX-RS metadata and cross-checked against its OpenAPI
 * document) is called without a token, with an API key of each role, with the pods' token and with OIDC tokens: the
 * role it declares holds, 401 and 403 are problem+json, and no secret reaches the log.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@TestProfile(AccessEnabledProfile.class)
class EveryEndpointDeclaresItsRoleTest {

    private static final List<String> LADDER = List.of(Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER, Roles.ADMIN);
    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    @BeforeEach
    void oneKeyPerRoleMadeWithTheBootstrapKey() {
        if (!KEYS.isEmpty()) {
            return;
        }
        for (String role : LADDER) {
            KEYS.put(role, given().auth().oauth2(AccessEnabledProfile.BOOTSTRAP_KEY).contentType("application/json")
                    .body("{\"name\":\"walk-" + role + "-" + System.nanoTime() + "\",\"role\":\"" + role + "\"}")
                    .when().post("/api/keys").then().statusCode(201).extract().path("key"));
        }
    }

    @Test
    void everyEndpointDeclaresARoleOrIsExplicitlyOpen() {
        List<Endpoint> endpoints = Endpoint.discover();

        assertThat(endpoints).extracting(Endpoint::template).contains("/api/keys", "/internal/keys");
        assertThat(endpoints).filteredOn(endpoint -> !endpoint.declared()).extracting(Endpoint::source)
                .as("endpoints without @RolesAllowed or @PermitAll (they are denied to everyone)").isEmpty();
        assertThat(endpoints).filteredOn(endpoint -> endpoint.roles().stream().anyMatch(role ->
                        !LADDER.contains(role) && !Roles.INFERENCE_POD.equals(role)))
                .as("endpoints naming a role that does not exist").isEmpty();
    }

    @Test
    void everyOperationOfTheOpenApiDocumentIsAnEndpointWalkedHere() {
        Set<String> walked = new LinkedHashSet<>();
        Endpoint.discover().forEach(endpoint -> walked.add(endpoint.method() + " " + endpoint.template()));
        Map<String, Map<String, Object>> paths = given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");

        List<String> documented = new ArrayList<>();
        paths.forEach((path, operations) -> operations.keySet().forEach(verb ->
                documented.add(verb.toUpperCase() + " " + path.replaceAll("\\{([^}:]+)(:[^}]*)?}", "{$1}"))));
        assertThat(documented).isNotEmpty();
        Set<String> normalisedWalked = new LinkedHashSet<>();
        walked.forEach(entry -> normalisedWalked.add(entry.replaceAll("\\{([^}:]+)(:[^}]*)?}", "{$1}")));
        assertThat(normalisedWalked).containsAll(documented);
    }

    @Test
    void eachEndpointAnswersEachCallerAsItsDeclaredRoleSays() {
        Map<String, String> callers = new LinkedHashMap<>(KEYS);
        callers.put(Roles.INFERENCE_POD, AccessEnabledProfile.POD_TOKEN);
        callers.put("oidc-approver", LocalOidcProvider.token("alice", List.of(Roles.APPROVER), 5));
        List<String> violations = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.discover()) {
            if (endpoint.open()) {
                checkOpen(endpoint, callers, violations);
                continue;
            }
            expect(endpoint, "no token", call(endpoint, null), 401, violations);
            callers.forEach((caller, token) -> {
                Response response = call(endpoint, token);
                if (allowed(caller, endpoint.roles())) {
                    if (response.statusCode() == 401 || response.statusCode() == 403) {
                        violations.add(endpoint.source() + " refused " + caller + " with " + response.statusCode());
                    }
                } else {
                    expect(endpoint, caller, response, 403, violations);
                }
            });
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void anUnknownKeyAForeignOidcTokenAndAnExpiredOneAreRefusedAs401Problems() {
        for (String token : List.of("fw_" + "u".repeat(43), "not-a-flywheel-token",
                LocalOidcProvider.tokenSignedByAStranger("mallory", List.of(Roles.ADMIN)),
                LocalOidcProvider.token("bob", List.of(Roles.ADMIN), -5))) {
            given().auth().oauth2(token).when().get("/api/keys").then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("urn:flywheel:problem:unauthorized"));
        }
    }

    @Test
    void anOidcTokenGetsTheRolesOfItsClaimAndEveryRoleBelow() {
        String operatorToken = LocalOidcProvider.token("carol", List.of(Roles.OPERATOR), 5);
        given().auth().oauth2(operatorToken).when().get("/api/keys").then().statusCode(403);
        String adminToken = LocalOidcProvider.token("dave", List.of(Roles.ADMIN), 5);
        given().auth().oauth2(adminToken).when().get("/api/keys").then().statusCode(200);
    }

    @Test
    void thePodTokenReadsThePublishedKeysAndNothingThatNeedsMoreThanAViewer() {
        given().auth().oauth2(AccessEnabledProfile.POD_TOKEN).when().get("/internal/keys").then().statusCode(200);
        given().auth().oauth2(KEYS.get(Roles.VIEWER)).when().get("/internal/keys").then().statusCode(403);
        given().auth().oauth2(AccessEnabledProfile.POD_TOKEN).when().get("/api/keys").then().statusCode(403);
    }

    @Test
    void noSecretEverReachesTheLogButRefusalsDo() throws Exception {
        given().auth().oauth2("fw_" + "r".repeat(43)).when().get("/api/keys").then().statusCode(401);

        String log = Files.readString(Path.of(AccessEnabledProfile.LOG_FILE));
        assertThat(log).contains("refused an unknown or revoked API key fw_rrr***");
        assertThat(log).doesNotContain(AccessEnabledProfile.BOOTSTRAP_KEY).doesNotContain(AccessEnabledProfile.POD_TOKEN)
                .doesNotContain("r".repeat(43));
        KEYS.values().forEach(key -> assertThat(log).doesNotContain(key));
    }

    @Test
    void aKeyThatCannotBeCheckedWhileTheDatabaseIsDownIsA503WithRetryAfterNotA401() {
        String viewer = KEYS.get(Roles.VIEWER);
        TestDatabase.shared().stop();
        try {
            given().auth().oauth2(viewer).when().get("/api/audit").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:flywheel:problem:unavailable"));
        } finally {
            TestDatabase.shared().start();
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        int status = -1;
        while (Instant.now().isBefore(deadline) && status != 200) {
            status = given().auth().oauth2(viewer).when().get("/api/audit/verify").statusCode();
        }
        assertThat(status).as("the key is checked again once the database is back").isEqualTo(200);
    }

    private static boolean allowed(String caller, Set<String> roles) {
        Set<String> held = RoleLadder.expand(caller.equals("oidc-approver") ? Set.of(Roles.APPROVER)
                : caller.equals(Roles.INFERENCE_POD) ? Set.of(Roles.INFERENCE_POD, Roles.VIEWER) : Set.of(caller));
        return held.stream().anyMatch(roles::contains);
    }

    private static void checkOpen(Endpoint endpoint, Map<String, String> callers, List<String> violations) {
        int anonymous = call(endpoint, null).statusCode();
        if (anonymous == 403) {
            violations.add(endpoint.source() + " is @PermitAll but forbade an anonymous caller");
        }
        callers.forEach((caller, token) -> {
            int status = call(endpoint, token).statusCode();
            if (status != anonymous) {
                violations.add(endpoint.source() + " is @PermitAll but answered " + caller + " " + status
                        + " and an anonymous caller " + anonymous);
            }
        });
    }

    private static void expect(Endpoint endpoint, String caller, Response response, int status, List<String> violations) {
        String type = status == 401 ? "urn:flywheel:problem:unauthorized" : "urn:flywheel:problem:forbidden";
        if (response.statusCode() != status || !response.contentType().startsWith("application/problem+json")
                || !type.equals(response.jsonPath().getString("type"))) {
            violations.add(endpoint.method() + " " + endpoint.example() + " (" + endpoint.source() + ") answered "
                    + caller + " " + response.statusCode() + " " + response.asString() + "; expected " + status);
        }
    }

    private static Response call(Endpoint endpoint, String token) {
        RequestSpecification request = given().accept("*/*");
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (endpoint.consumes() != null && endpoint.consumes().startsWith("multipart/")) {
            // an empty multipart body, as bytes: rest-assured has no encoder of its own for multipart content types
            request.contentType(endpoint.consumes() + "; boundary=walk")
                    .body("--walk--\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (endpoint.consumes() != null) {
            request.contentType(endpoint.consumes()).body(endpoint.consumes().contains("json") ? "{}" : "");
        }
        return request.when().request(endpoint.method(), endpoint.example()).andReturn();
    }
}
