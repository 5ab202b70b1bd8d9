package io.flywheel.inference.assistant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.access.Caller;
import io.flywheel.inference.retrieval.ActiveIndex;
import io.flywheel.shared.access.KeyGrant;
import io.flywheel.shared.access.Role;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.testing.FakeOpenAi;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leak tests: a conversation full of e-mails, card numbers and IBANs. None of them reaches the provider or the
 * interaction log; the answer holds pseudonyms, and only an authorised, audited re-personalisation gives them back.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeProviderResource.class)
class PersonalDataTest {

    private static final String EMAIL = "jane.doe@example.com";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String IBAN = "DE89 3704 0044 0532 0130 00";
    private static final String OTHER_EMAIL = "billing@shop.example";
    private static final List<String> SECRETS = List.of(EMAIL, CARD, "4111111111111111", "4111-1111-1111-1111",
            IBAN, "DE89370400440532013000", OTHER_EMAIL);
    private static final String CONVERSATION = "{\"messages\":["
            + "{\"role\":\"system\",\"content\":\"The customer is " + EMAIL + ".\"},"
            + "{\"role\":\"user\",\"content\":\"My card " + CARD + " was charged twice.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Sorry to hear that. Which account?\"},"
            + "{\"role\":\"user\",\"content\":\"Refund to " + IBAN + " or the card 4111-1111-1111-1111, and write to "
            + EMAIL + " and " + OTHER_EMAIL + "\"}]}";

    @FakeProvider
    FakeOpenAi fake;
    @Inject
    ActiveIndex index;
    @Inject
    CircuitBreakerMaintenance circuits;
    @Inject
    Repersonalizer repersonalizer;

    @BeforeEach
    void anEchoingProviderAndNoIndex() {
        fake.reset();
        circuits.resetAll();
        fake.answering("primary", FakeOpenAi.Answering.ECHO);
        index.swap(null);
    }

    @Test
    void personalDataNeverLeavesTheProcessAndComesBackOnlyThroughAuditedRepersonalisation() throws Exception {
        JsonPath answer = given().contentType("application/json").body(CONVERSATION).when()
                .post("/v1/chat/completions").then().statusCode(200).extract().jsonPath();

        String content = answer.getString("choices[0].message.content");
        assertThat(content).contains("<IBAN_1>", "<CARD_1>", "<EMAIL_1>", "<EMAIL_2>");
        SECRETS.forEach(secret -> assertThat(content).doesNotContain(secret));
        assertThat(answer.getList("flywheel.findings.detail")).contains("EMAIL", "CARD", "IBAN");

        String sent = String.join("\n", fake.received("primary"));
        assertThat(sent).contains("<CARD_1>", "<EMAIL_1>");
        SECRETS.forEach(secret -> assertThat(sent).doesNotContain(secret));

        String answerId = answer.getString("flywheel.answer_id");
        String logged = awaitLoggedRow(answerId);
        assertThat(logged).contains("<IBAN_1>");
        SECRETS.forEach(secret -> assertThat(logged).doesNotContain(secret));

        JsonPath restored = given().when().post("/v1/answers/" + answerId + "/repersonalize").then().statusCode(200)
                .extract().jsonPath();
        assertThat(restored.getString("content")).contains(EMAIL, CARD, IBAN, OTHER_EMAIL)
                .doesNotContain("<EMAIL_1>");
        assertThat(restored.getInt("restored")).isEqualTo(4);
        assertThat(auditEvents(answerId)).isEqualTo(1);
    }

    @Test
    void aCallerWithoutTheRoleCannotRepersonalise() {
        String answerId = given().contentType("application/json").body(CONVERSATION).when()
                .post("/v1/chat/completions").then().statusCode(200).extract().path("flywheel.answer_id");
        Caller viewer = new Caller(new KeyGrant("k-viewer", "viewer", "h", Role.VIEWER, 0, 0, 0));

        assertThatThrownBy(() -> repersonalizer.repersonalize(answerId, viewer).await().indefinitely())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(403));
    }

    @Test
    void anUnknownAnswerCannotBeRepersonalised() {
        given().when().post("/v1/answers/" + UUID.randomUUID() + "/repersonalize").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().post("/v1/answers/not-an-id/repersonalize").then().statusCode(404);
    }

    private static String awaitLoggedRow(String answerId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = TestDatabase.shared().connect();
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT i.*, encode(v.ciphertext, 'escape') AS vault FROM inference.interaction i "
                                 + "LEFT JOIN inference.pseudonym_vault v USING (answer_id) WHERE answer_id = ?")) {
                select.setObject(1, UUID.fromString(answerId));
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        StringBuilder all = new StringBuilder();
                        for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                            all.append(row.getString(c)).append('|');
                        }
                        assertThat(row.getString("vault")).isNotNull();
                        return all.toString();
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("answer " + answerId + " was not logged within 20 s");
    }

    private static int auditEvents(String answerId) throws Exception {
        try (Connection connection = TestDatabase.shared().connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*) FROM inference.audit_event WHERE action = 'repersonalize' AND subject = ?")) {
            select.setString(1, "answer:" + answerId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
