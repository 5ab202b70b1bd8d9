package io.flywheel.mlops.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.PackagedMlops;
import io.flywheel.shared.signing.RequestSignatures;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatasets;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in a real headless browser against the packaged mlops-app with access control on, as deployed: every
 * page loads, an approver approves the agent's retrain in the browser, the retrain runs, and the audit trail shows
 * the whole story with the chain intact. Screenshots are kept under {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final String BOOTSTRAP_KEY = "fw_dashboardBOOTSTRAPdashboardBOOTSTRAPdash";
    private static final String ALERT_KEY = "alert-hmac-key-dashboard-3f9a1c7e5b2d4f60";
    private static final String MODEL = "wdbc-dashboard";
    private static final Duration RETRAIN_WITHIN = Duration.ofMinutes(10);
    private static final RequestSignatures RELAY = new RequestSignatures(List.of(ALERT_KEY), Duration.ofMinutes(5));
    private static final Map<String, String> KEYS = new HashMap<>();

    private static AppProcess app;
    private static HeadlessChromium browser;

    @BeforeAll
    static void startTheAppWithAccessOnAndABrowser() {
        Map<String, String> config = new LinkedHashMap<>(PackagedMlops.sharedDatabaseConfig());
        config.put("flywheel.access.enabled", "true");
        config.put("flywheel.access.bootstrap-admin-key", BOOTSTRAP_KEY);
        config.put("flywheel.alerts.signing-keys", ALERT_KEY);
        config.put("flywheel.jobs.retrain.cron", "off");
        config.put("flywheel.jobs.evaluate.cron", "off");
        config.put("flywheel.training.random-forest.trees", "30");
        config.put("flywheel.training.gradient-boosted-trees.trees", "60");
        app = AppProcess.start("mlops-app", PackagedMlops.JAR, AppProcess.freePort(), config,
                Path.of("target", "it-logs", "dashboard-browser.log"), Duration.ofMinutes(3));
        for (String role : List.of("viewer", "operator", "approver", "admin")) {
            KEYS.put(role, api(BOOTSTRAP_KEY).contentType("application/json")
                    .body("{\"name\":\"dashboard-" + role + "\",\"role\":\"" + role + "\"}")
                    .when().post("/api/keys").then().statusCode(201).extract().path("key"));
        }
        api(KEYS.get("operator")).contentType("text/csv").body(breastCancerCsv())
                .when().post("/api/datasets?name=" + MODEL + "&label=diagnosis").then().statusCode(201);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.stop();
        }
    }

    @Test
    @Order(1)
    void aSignedDriftAlertIsApprovedInTheBrowserRetrainedAndItsWholeStoryIsInTheIntactChain() {
        JsonPath receipt = postSignedDriftAlert();
        String alertId = receipt.getString("alerts[0].id");
        String retrain = receipt.getString("alerts[0].actions.find { it.type == 'retrain' }.id");
        assertThat(receipt.getString("alerts[0].actions.find { it.type == 'retrain' }.status"))
                .isEqualTo("awaiting-approval");

        open("approvals", KEYS.get("approver"));
        WebElement proposal = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("approval-" + retrain)));
        assertThat(proposal.getText()).contains("retrain", MODEL);
        browser.screenshot("approvals-before");
        proposal.findElement(By.name("note")).sendKeys("drift confirmed on the dashboard");
        proposal.findElement(By.cssSelector("button.approve")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "approved"));
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("approval-" + retrain)));
        browser.screenshot("approvals-after");

        JsonPath done = Eventually.until(() -> api(KEYS.get("viewer")).when().get("/api/actions/" + retrain)
                        .then().statusCode(200).extract().jsonPath(),
                action -> List.of("succeeded", "failed", "unavailable").contains(action.getString("status")),
                RETRAIN_WITHIN, "the approved retrain to end");
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getString("decided_by")).isEqualTo("key:dashboard-approver");
        assertThat(done.getInt("after_metrics.version")).isEqualTo(1);
        JsonPath runs = api(KEYS.get("viewer")).when().get("/api/jobs/runs?job=retrain").then().statusCode(200)
                .extract().jsonPath();
        assertThat(runs.getString("runs[0].status")).isEqualTo("succeeded");
        assertThat(runs.getString("runs[0].triggered_by")).contains("approved by key:dashboard-approver");

        open("audit", KEYS.get("viewer"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#audit tr[data-action='action.outcome']")));
        assertThat(browser.driver().findElement(By.id("chain")).getText()).startsWith("Chain intact");
        browser.screenshot("audit");
        assertThat(actions("alert:" + alertId)).containsExactly("alert.received");
        assertThat(actions("action:" + retrain)).containsExactly("action.proposed", "action.approved",
                "action.executed", "action.outcome");
        assertThat(seq("alert:" + alertId).get(0)).isLessThan(seq("action:" + retrain).get(0));
        JsonPath verify = api(KEYS.get("viewer")).when().get("/api/audit/verify").then().statusCode(200)
                .extract().jsonPath();
        assertThat(verify.getBoolean("intact")).as(verify.prettify()).isTrue();
    }

    @Test
    @Order(2)
    void everyPageLoadsInTheBrowserWithItsData() {
        for (String page : DashboardResource.PAGES) {
            open(page, KEYS.get("viewer"));
            assertThat(browser.driver().findElement(By.id("message")).getText()).as(page).isEmpty();
            browser.screenshot("page-" + page);
        }
        open("models", KEYS.get("viewer"));
        WebElement model = browser.driver().findElement(By.id("model-" + MODEL));
        assertThat(model.findElements(By.cssSelector("svg.chart.calibration circle"))).isNotEmpty();
        assertThat(model.findElements(By.cssSelector("svg.chart.confusion rect.cell"))).hasSize(4);
        assertThat(model.findElements(By.cssSelector("svg.chart.importance rect.bar"))).isNotEmpty();
        assertThat(model.getText()).contains("roc_auc", "v1", "Staging");

        open("jobs", KEYS.get("viewer"));
        assertThat(browser.driver().findElement(By.id("runs")).getText()).contains("retrain", "succeeded");
        assertThat(browser.driver().findElements(By.cssSelector("#runs progress[max]"))).as("retrain's fits")
                .isNotEmpty();
        open("replay", KEYS.get("viewer"));
        assertThat(browser.driver().findElement(By.id("part")).getText()).contains("Replay logged predictions");
    }

    @Test
    @Order(3)
    void aViewerSeesTheQueueButItsApprovalIsRefusedAndAnApproverRejectsWithANoteWhichEscalates() {
        String retrain = postSignedDriftAlert().getString("alerts[0].actions.find { it.type == 'retrain' }.id");

        open("approvals", KEYS.get("viewer"));
        WebElement proposal = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("approval-" + retrain)));
        proposal.findElement(By.cssSelector("button.approve")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "403"));
        browser.screenshot("viewer-refused");
        assertThat(browser.driver().findElement(By.id("message")).getText()).contains("approve refused");
        assertThat(api(KEYS.get("viewer")).when().get("/api/actions/" + retrain).then().statusCode(200)
                .extract().path("status").toString()).isEqualTo("awaiting-approval");

        open("approvals", KEYS.get("approver"));
        proposal = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("approval-" + retrain)));
        proposal.findElement(By.cssSelector("button.reject")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "note"));
        proposal = browser.driver().findElement(By.id("approval-" + retrain));
        proposal.findElement(By.name("note")).sendKeys("the drift is a known seasonal shift");
        proposal.findElement(By.cssSelector("button.reject")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "rejected"));
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("approval-" + retrain)));
        browser.screenshot("rejected");
        assertThat(Eventually.until(() -> actions("action:" + retrain), story -> story.contains("action.escalated"),
                Duration.ofMinutes(2), "the rejection to be escalated"))
                .startsWith("action.proposed", "action.rejected");
    }

    @Test
    @Order(4)
    void anOperatorCannotDeleteDataInTheBrowserButAnAdminCanByConfirmingItAndItIsAudited() {
        String before = Instant.now().plusSeconds(1).toString();
        String delete = api(KEYS.get("operator")).contentType("application/json")
                .body("{\"type\":\"delete-data\",\"target\":\"alerts\",\"reasoning\":\"retention: raw payloads may "
                        + "hold personal data\",\"parameters\":{\"scope\":\"alert-payloads\",\"before\":\"" + before + "\"}}")
                .when().post("/api/actions").then().statusCode(201).extract().path("id");

        open("approvals", KEYS.get("operator"));
        WebElement proposal = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("approval-" + delete)));
        proposal.findElement(By.name("confirm")).sendKeys("delete-data");
        proposal.findElement(By.cssSelector("button.approve")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "403"));
        browser.screenshot("operator-cannot-delete");

        open("approvals", KEYS.get("admin"));
        proposal = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("approval-" + delete)));
        proposal.findElement(By.name("confirm")).sendKeys("delete-data");
        proposal.findElement(By.name("note")).sendKeys("retention period over");
        proposal.findElement(By.cssSelector("button.approve")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "approved"));
        browser.screenshot("admin-deletes");

        JsonPath done = Eventually.until(() -> api(KEYS.get("viewer")).when().get("/api/actions/" + delete)
                        .then().statusCode(200).extract().jsonPath(),
                action -> List.of("succeeded", "failed", "unavailable").contains(action.getString("status")),
                Duration.ofMinutes(2), "the deletion to end");
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getInt("after_metrics.alert_payloads_deleted")).isPositive();
        assertThat(actions("action:" + delete)).containsExactly("action.proposed", "action.approved",
                "action.executed", "action.outcome");
        assertThat(auditOf("action:" + delete).get(1).get("approver")).isEqualTo("key:dashboard-admin");
        assertThat(api(KEYS.get("viewer")).when().get("/api/audit/verify").then().statusCode(200)
                .extract().jsonPath().getBoolean("intact")).isTrue();
    }

    @Test
    @Order(5)
    void withoutAKeyThePagesSayWhatIsMissingAndShowNoData() {
        browser.driver().get(app.baseUri() + "/dashboard/audit");
        browser.driver().findElement(By.id("key-forget")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "401"));
        assertThat(browser.driver().findElement(By.id("message")).getText()).contains("enter an API key");
        assertThat(browser.driver().findElements(By.cssSelector("#audit tr"))).isEmpty();
        browser.screenshot("no-key");
    }

    /** Loads a page, enters the key once (it stays in the tab's sessionStorage) and waits for the page's part. */
    private static void open(String page, String key) {
        browser.driver().get(app.baseUri() + "/dashboard/" + page);
        // the page's own first load (with the tab's key, or a 401 without one) must end first: were it to end after
        // the click's, it would replace the part under the caller's feet
        browser.waiting().until(driver -> driver.findElement(By.id("part")).getAttribute("data-loaded") != null
                || !driver.findElement(By.id("message")).getText().isEmpty());
        WebElement input = browser.driver().findElement(By.id("api-key"));
        input.sendKeys(key);
        String before = browser.driver().findElement(By.id("part")).getAttribute("data-loaded");
        browser.driver().findElement(By.id("key-save")).click();
        browser.waiting().until(driver -> {
            String loaded = driver.findElement(By.id("part")).getAttribute("data-loaded");
            return loaded != null && !loaded.equals(before);
        });
    }

    private static JsonPath postSignedDriftAlert() {
        String body = """
                {"version":"4","groupKey":"{}:{alertname=\\"FlywheelFeatureDrift\\"}","status":"firing",
                 "receiver":"flywheel-remediation","groupLabels":{"alertname":"FlywheelFeatureDrift"},
                 "commonLabels":{"alertname":"FlywheelFeatureDrift","severity":"critical"},
                 "commonAnnotations":{},"externalURL":"http://alertmanager:9093","truncatedAlerts":0,
                 "alerts":[{"status":"firing","labels":{"alertname":"FlywheelFeatureDrift","severity":"critical",
                   "flywheel_subject":"%1$s","model":"%1$s","feature":"f1"},
                   "annotations":{"summary":"PSI of f1 for %1$s above 0.2: retraining advised",
                     "description":"PSI 0.46 (alert threshold 0.2)."},
                   "startsAt":"2026-12-06T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus/graph","fingerprint":"%2$s"}]}
                """.formatted(MODEL, Long.toHexString(System.nanoTime()));
        long now = Instant.now().getEpochSecond();
        return given().baseUri(app.baseUri().toString()).contentType("application/json")
                .header(RequestSignatures.TIMESTAMP_HEADER, Long.toString(now))
                .header(RequestSignatures.SIGNATURE_HEADER, RELAY.sign(now, body.getBytes(StandardCharsets.UTF_8)))
                .body(body).when().post("/api/alerts").then().statusCode(202).extract().jsonPath();
    }

    private static List<String> actions(String target) {
        return auditOf(target).stream().map(entry -> entry.get("action").toString()).toList();
    }

    private static List<Long> seq(String target) {
        return auditOf(target).stream().map(entry -> ((Number) entry.get("seq")).longValue()).toList();
    }

    /** A target's audit entries, oldest first. */
    private static List<Map<String, Object>> auditOf(String target) {
        List<Map<String, Object>> entries = new ArrayList<>(api(KEYS.get("viewer")).queryParam("target", target)
                .when().get("/api/audit").then().statusCode(200).extract().jsonPath().getList("$"));
        Collections.reverse(entries);
        return entries;
    }

    private static RequestSpecification api(String key) {
        return given().baseUri(app.baseUri().toString()).auth().oauth2(key);
    }

    /** The Wisconsin breast cancer data with a header naming its features f1..f30 and its label. */
    private static byte[] breastCancerCsv() {
        String raw = new String(TestDatasets.bytes("breast_cancer_wdbc.csv"), StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            header.append('f').append(i).append(',');
        }
        header.append("diagnosis\n");
        return (header + raw.substring(raw.indexOf('\n') + 1)).getBytes(StandardCharsets.UTF_8);
    }
}
