package io.flywheel.mlops.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.access.AccessEnabledProfile;
import io.flywheel.mlops.access.Roles;
import io.flywheel.shared.signing.RequestSignatures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's acceptance lines, with access on and the outside world on this machine: signed and refused alerts, the
 * agent's proposals and tiers, approval by role, execution and outcome, notifications and escalation, scale-out through
 * the Kubernetes API, deletion of data by an admin only, and the audit chain of it all.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@TestProfile(AccessEnabledProfile.class)
class RemediationAcceptanceTest {

    private static final Duration SETTLE = Duration.ofMinutes(2);

    /**
     * A drift delivery of its own (a fresh fingerprint) for each test: one shared body, posted by two tests within the
     * same second, would carry the same signature and be refused as a replay.
     */
    private static String drift() {
        return SignedAlerts.firing("FlywheelFeatureDrift", "critical", "credit-risk",
                "PSI of age for credit-risk above 0.2: retraining advised", "PSI 0.46 (alert threshold 0.2).");
    }

    @Test
    void anUnsignedABadlySignedAStaleAndAReplayedAlertAreEachRefusedLoggedAndAudited() throws Exception {
        // an alert that only notifies: scale-outs are the business of another test
        String body = SignedAlerts.firing("FlywheelTokenBudgetNearlySpent", "warning", "fw_abcdef",
                "API key fw_abcdef has used more than 90% of its daily token budget", "93% of the daily budget spent.");
        long now = Instant.now().getEpochSecond();
        String other = new RequestSignatures(List.of("not-the-alert-key"), Duration.ofMinutes(5))
                .sign(now, body.getBytes(StandardCharsets.UTF_8));
        long stale = now - Duration.ofMinutes(6).toSeconds();

        refused(SignedAlerts.post(body, null, null), 401, "invalid-signature");
        refused(SignedAlerts.post(body, Long.toString(now), other), 401, "invalid-signature");
        refused(SignedAlerts.post(body, Long.toString(stale), SignedAlerts.RELAY.sign(stale,
                body.getBytes(StandardCharsets.UTF_8))), 401, "invalid-signature");
        String signature = SignedAlerts.RELAY.sign(now, body.getBytes(StandardCharsets.UTF_8));
        SignedAlerts.post(body, Long.toString(now), signature).then().statusCode(202);
        refused(SignedAlerts.post(body, Long.toString(now), signature), 409, "replayed-request");

        List<String> outcomes = audit("alerts", 50).getList("findAll { it.action == 'alert.refused' }.outcome");
        assertThat(outcomes).contains("refused: unsigned", "refused: mismatch", "refused: stale", "refused: replayed");
        assertThat(Files.readString(Path.of(AccessEnabledProfile.LOG_FILE)))
                .contains("refused an alert delivery from 127.0.0.1: unsigned")
                .contains("refused an alert delivery from 127.0.0.1: replayed")
                .doesNotContain(AccessEnabledProfile.ALERT_KEY);
    }

    @Test
    void aSignedDriftAlertLeadsToAnApprovedRetrainWhoseWholeStoryIsInTheIntactAuditChain() {
        JsonPath receipt = SignedAlerts.post(drift()).then().statusCode(202).extract().jsonPath();
        String alertId = receipt.getString("alerts[0].id");
        assertThat(receipt.getString("alerts[0].category")).isEqualTo("data-drift");
        assertThat(receipt.getDouble("alerts[0].severity_score")).isGreaterThan(0.8);
        String retrain = receipt.getString("alerts[0].actions.find { it.type == 'retrain' }.id");
        assertThat(receipt.getString("alerts[0].actions.find { it.type == 'retrain' }.status"))
                .isEqualTo("awaiting-approval");
        assertThat(receipt.getString("alerts[0].actions.find { it.type == 'retrain' }.predicted_impact"))
                .contains("PSI");

        Callers.as(Roles.VIEWER).when().get("/api/approvals").then().statusCode(200).body("id", hasItem(retrain));
        Callers.as(Roles.VIEWER).contentType("application/json").body("{}").when()
                .post("/api/approvals/" + retrain + "/approve").then().statusCode(403)
                .contentType("application/problem+json");
        Callers.as(Roles.APPROVER).contentType("application/json").body("{\"note\":\"drift confirmed on the dashboard\"}")
                .when().post("/api/approvals/" + retrain + "/approve").then().statusCode(200)
                .body("status", equalTo("queued")).body("decided_by", equalTo(keyName(Roles.APPROVER)));
        JsonPath done = settled(retrain);

        // credit-risk has no dataset here, so the retrain executor refuses to train it on another model's data; the
        // run of a retrain that trains is DashboardBrowserIT's (approved in the browser)
        assertThat(done.getString("status")).isEqualTo("failed");
        assertThat(done.getString("outcome")).contains("no dataset to retrain credit-risk on");
        List<String> story = audit("action:" + retrain, 10).getList("action");
        assertThat(story).containsExactly("action.outcome", "action.executed", "action.approved", "action.proposed");
        assertThat(audit("alert:" + alertId, 5).getString("[0].action")).isEqualTo("alert.received");
        assertThat(audit("action:" + retrain, 10).getLong("[3].seq"))
                .isGreaterThan(audit("alert:" + alertId, 5).getLong("[0].seq"));
        Callers.as(Roles.VIEWER).when().get("/api/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        Callers.as(Roles.OPERATOR).contentType("application/json").body("{}").when()
                .post("/api/approvals/" + retrain + "/approve").then().statusCode(403);
    }

    @Test
    void theNotificationOfAnAlertReachesTheWebhookSignedSlackAndAMailbox() {
        JsonPath receipt = SignedAlerts.post(drift()).then().statusCode(202).extract().jsonPath();
        String notify = receipt.getString("alerts[0].actions.find { it.type == 'notify' }.id");
        String alertId = receipt.getString("alerts[0].id");

        JsonPath done = settled(notify);

        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getMap("after_metrics")).containsEntry("webhook", "delivered").containsEntry("slack", "delivered")
                .containsEntry("email", "delivered");
        Map<String, Object> webhook = last(recorded("webhook"), alertId);
        Map<String, String> headers = (Map<String, String>) webhook.get("headers");
        String body = (String) webhook.get("body");
        assertThat(new RequestSignatures(List.of(LocalReceivers.WEBHOOK_KEY), Duration.ofMinutes(5)).check(
                headers.get("x-flywheel-timestamp"), headers.get("x-flywheel-signature"),
                body.getBytes(StandardCharsets.UTF_8), Instant.now()).valid()).isTrue();
        assertThat((String) last(recorded("slack"), alertId).get("body")).contains("\"text\":\"*[critical] data-drift");
        assertThat(recorded("mail").getList("findAll { it.body.contains('" + alertId + "') }.to"))
                .contains(LocalReceivers.RECIPIENT);
    }

    @Test
    void aLatencyAlertScalesTheInferenceDeploymentOutThroughTheKubernetesApi() {
        JsonPath receipt = SignedAlerts.post(SignedAlerts.firing("FlywheelHttpLatencyP95High", "warning",
                "inference-app", "p95 HTTP latency of inference-app above 250 ms", "p95 400ms over 10 minutes."))
                .then().statusCode(202).extract().jsonPath();
        String scale = receipt.getString("alerts[0].actions.find { it.type == 'scale-out' }.id");
        assertThat(receipt.getString("alerts[0].actions.find { it.type == 'scale-out' }.tier")).isEqualTo("auto");

        JsonPath done = settled(scale);

        assertThat(done.getString("status")).isEqualTo("succeeded");
        int before = done.getInt("before_metrics.replicas");
        assertThat(before).isGreaterThanOrEqualTo(LocalKubernetes.INITIAL_REPLICAS);
        assertThat(done.getInt("after_metrics.replicas")).isEqualTo(before + 1);
        assertThat(replicas()).isGreaterThanOrEqualTo(before + 1);
    }

    @Test
    void aRejectedProposalIsEscalatedToPeopleAndAudited() {
        JsonPath receipt = SignedAlerts.post(SignedAlerts.firing("FlywheelModelQualityDrop", "critical", "fraud",
                "AUC of fraud fell to 0.71", "AUC 0.71 (alert threshold 0.80).")).then().statusCode(202)
                .extract().jsonPath();
        String rollback = receipt.getString("alerts[0].actions.find { it.type == 'rollback' }.id");

        Callers.as(Roles.APPROVER).contentType("application/json").body("{}").when()
                .post("/api/approvals/" + rollback + "/reject").then().statusCode(422).body("errors[0].field",
                        equalTo("note"));
        Callers.as(Roles.APPROVER).contentType("application/json").body("{\"note\":\"the drop is a labelling delay\"}")
                .when().post("/api/approvals/" + rollback + "/reject").then().statusCode(200)
                .body("status", equalTo("rejected"));
        Callers.as(Roles.APPROVER).contentType("application/json").body("{}").when()
                .post("/api/approvals/" + rollback + "/approve").then().statusCode(409);

        List<String> story = awaitAudit("action:" + rollback, "action.escalated");
        assertThat(story).containsSubsequence("action.escalated", "action.rejected", "action.proposed");
        assertThat(recorded("webhook").getList("body")).anyMatch(body -> body.toString().contains(rollback)
                && body.toString().contains("the drop is a labelling delay"));
    }

    @Test
    void anOperatorCannotDeleteDataButAnAdminCanExplicitlyAndItIsAudited() {
        String alertId = SignedAlerts.post(drift()).then().statusCode(202).extract().path("alerts[0].id");
        String before = Instant.now().plusSeconds(1).toString();
        String delete = Callers.as(Roles.OPERATOR).contentType("application/json")
                .body("{\"type\":\"delete-data\",\"target\":\"alerts\",\"reasoning\":\"retention: raw payloads may hold "
                        + "personal data\",\"parameters\":{\"scope\":\"alert-payloads\",\"before\":\"" + before + "\"}}")
                .when().post("/api/actions").then().statusCode(201)
                .body("tier", equalTo("human-only")).body("status", equalTo("awaiting-approval"))
                .extract().path("id");

        Callers.as(Roles.OPERATOR).contentType("application/json").body("{\"confirm\":\"delete-data\"}").when()
                .post("/api/approvals/" + delete + "/approve").then().statusCode(403);
        Callers.as(Roles.APPROVER).contentType("application/json").body("{\"confirm\":\"delete-data\"}").when()
                .post("/api/approvals/" + delete + "/approve").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("only an admin"));
        Callers.as(Roles.ADMIN).contentType("application/json").body("{}").when()
                .post("/api/approvals/" + delete + "/approve").then().statusCode(422)
                .body("errors[0].field", equalTo("confirm"));
        Callers.as(Roles.VIEWER).when().get("/api/alerts/" + alertId).then().statusCode(200)
                .body("payload.alertname", equalTo("FlywheelFeatureDrift"));

        Callers.as(Roles.ADMIN).contentType("application/json").body("{\"confirm\":\"delete-data\",\"note\":\"yes\"}")
                .when().post("/api/approvals/" + delete + "/approve").then().statusCode(200);
        JsonPath done = settled(delete);

        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getInt("after_metrics.alert_payloads_deleted")).isPositive();
        Callers.as(Roles.VIEWER).when().get("/api/alerts/" + alertId).then().statusCode(200)
                .body("payload", org.hamcrest.Matchers.nullValue()).body("diagnosis", org.hamcrest.Matchers.notNullValue());
        JsonPath story = audit("action:" + delete, 10);
        assertThat(story.getList("action")).containsExactly("action.outcome", "action.executed", "action.approved",
                "action.proposed");
        assertThat(story.getString("[2].approver")).isEqualTo(keyName(Roles.ADMIN));
        Callers.as(Roles.VIEWER).when().get("/api/audit/verify").then().body("intact", equalTo(true));
    }

    @Test
    void badAlertsAndBadDecisionsAreProblemsNamingTheField() {
        SignedAlerts.post("{\"version\":\"4\",\"alerts\":").then().statusCode(400)
                .contentType("application/problem+json");
        SignedAlerts.post("{\"version\":\"4\",\"alerts\":[{\"status\":\"burning\",\"labels\":{}}]}").then()
                .statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItems("alerts[0].status",
                        "alerts[0].labels.alertname"));
        SignedAlerts.post("{\"version\":\"4\",\"alerts\":[]}").then().statusCode(422)
                .body("errors[0].field", equalTo("alerts"));
        Callers.as(Roles.OPERATOR).contentType("application/json").body("{\"type\":\"reboot\",\"target\":\"x\"}")
                .when().post("/api/actions").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("type", "reasoning"));
        Callers.as(Roles.OPERATOR).contentType("application/json").body("{\"type\":\"delete-data\",\"target\":\"x\","
                + "\"reasoning\":\"r\",\"parameters\":{\"scope\":\"everything\"}}").when().post("/api/actions").then()
                .statusCode(422).body("errors[0].field", equalTo("parameters.scope"));
        Callers.as(Roles.APPROVER).contentType("application/json").body("{}").when()
                .post("/api/approvals/00000000-0000-0000-0000-000000000000/approve").then().statusCode(404);
        Callers.as(Roles.VIEWER).when().get("/api/actions?status=sleeping").then().statusCode(422);
    }

    private static void refused(Response response, int status, String type) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:flywheel:problem:" + type));
    }

    private static JsonPath settled(String actionId) {
        Instant deadline = Instant.now().plus(SETTLE);
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = Callers.as(Roles.VIEWER).when().get("/api/actions/" + actionId).then().statusCode(200).extract()
                    .jsonPath();
            if (List.of("succeeded", "failed", "unavailable", "rejected").contains(last.getString("status"))) {
                return last;
            }
            pause();
        }
        throw new AssertionError("action " + actionId + " did not finish within " + SETTLE + ": " + last.prettify());
    }

    private static List<String> awaitAudit(String target, String action) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(deadline)) {
            List<String> actions = audit(target, 10).getList("action");
            if (actions.contains(action)) {
                return actions;
            }
            pause();
        }
        throw new AssertionError("no " + action + " for " + target + " within " + SETTLE);
    }

    private static JsonPath audit(String target, int limit) {
        return Callers.as(Roles.VIEWER).queryParam("target", target).queryParam("limit", limit).when()
                .get("/api/audit").then().statusCode(200).extract().jsonPath();
    }

    private static String keyName(String role) {
        return Callers.as(Roles.ADMIN).when().get("/api/keys").then().extract().jsonPath()
                .getString("find { it.prefix == '" + Callers.key(role).substring(0, 11) + "' }.name")
                .transform(name -> "key:" + name);
    }

    private static JsonPath recorded(String receiver) {
        String base = ConfigProvider.getConfig().getValue(LocalReceivers.URL_KEY, String.class);
        return given().when().get(base + "/recorded/" + receiver).then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> last(JsonPath recorded, String mentioning) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> requests = recorded.getList("$");
            for (int i = requests.size() - 1; i >= 0; i--) {
                if (requests.get(i).get("body").toString().contains(mentioning)) {
                    return requests.get(i);
                }
            }
            pause();
        }
        throw new AssertionError("nothing received mentions " + mentioning);
    }

    private static int replicas() {
        String base = ConfigProvider.getConfig().getValue(LocalKubernetes.URL_KEY, String.class);
        String deployment = given().when().get(base + "/apis/apps/v1/namespaces/" + LocalKubernetes.NAMESPACE
                + "/deployments/inference-app").then().statusCode(200).extract().asString();
        Integer replicas = new JsonPath(deployment).get("spec.replicas");
        assertThat(replicas).as("the Deployment as the Kubernetes API serves it: " + deployment).isNotNull();
        return replicas;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
