package io.flywheel.mlops.cycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.PackagedInference;
import io.flywheel.mlops.PackagedMlops;
import io.flywheel.mlops.QuickTrainings;
import io.flywheel.mlops.rollout.ClientTraffic;
import io.flywheel.mlops.rollout.LendingClubCsv;
import io.flywheel.testing.AppProcess;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's last acceptance line with both apps running for real (the packaged jars, one PostgreSQL): a first version
 * trained on the real Lending Club data is promoted by a person; then clients send traffic of a shifted population
 * (income and interest rate scaled) and the true classes of the loans as feedback, and nothing else happens by hand.
 * The drift job on its cron raises a data-drift alert → the agent retrains (tier auto) on the labelled live rows →
 * the cycle evaluates the new version → it passes → the cycle starts its rollout (mode auto) → the canary steps pass →
 * the new version is Production and inference-app answers with it. Every step is checked in the records.
 */
class FullCycleIT {

    private static final String MODEL = "cycle-credit-" + System.currentTimeMillis() % 100_000;
    private static final Map<String, Double> SHIFT = Map.of("annual_inc", 2.5, "int_rate", 2.5);
    /** Labels given back, all of them needed for a retrain ({@code flywheel.datasets.feedback.min-new-labels}). */
    private static final int LABELS = 1200;
    /**
     * Quick enough that the labels are given within seconds of the first version's start: the drift cron ticks each
     * minute, and a drift run that comes before all the labels costs the cycle a minute (its retrain has nothing new).
     */
    private static final Duration TRAFFIC_PAUSE = Duration.ofMillis(5);
    /** Feedback requests in flight at once, as many clients send them. */
    private static final int FEEDBACK_IN_FLIGHT = 8;
    private static final Duration STEP_WITHIN = Duration.ofMinutes(4);
    private static final Duration CYCLE_WITHIN = Duration.ofMinutes(6);

    private static AppProcess mlops;
    private static AppProcess inference;
    private static ClientTraffic traffic;

    @BeforeAll
    static void bothAppsWithTheUnattendedCycle() {
        int inferencePort = AppProcess.freePort();
        mlops = PackagedMlops.start("full-cycle-mlops", AppProcess.freePort(), unattended(inferencePort));
        inference = PackagedInference.start("full-cycle-inference", inferencePort, mlops.baseUri());
    }

    @AfterAll
    static void stop() throws Exception {
        // clients first, then the pod, then the platform it asks
        for (AutoCloseable running : new AutoCloseable[] {traffic, inference, mlops}) {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    void shiftedTrafficWithFeedbackEndsWithARetrainedVersionInProductionAnsweringWithNoCallByHand() throws Exception {
        // given a first version, trained and evaluated by the cycle, promoted by a person
        int first = firstVersionInProduction();
        Instant unattendedFrom = Instant.now();

        // when clients of a shifted population are served and tell the true class of 1,200 loans
        traffic = ClientTraffic.shifted(inference.baseUri().resolve("/v2/models/" + MODEL + "/infer"),
                TRAFFIC_PAUSE, SHIFT);
        List<ClientTraffic.Labelled> served = Eventually.until(traffic::labelled, rows -> rows.size() >= LABELS,
                STEP_WITHIN, LABELS + " served rows");
        giveFeedback(served.subList(0, LABELS));

        // then, with no further call by hand, a new version becomes Production and answers
        int retrained = Eventually.until(() -> versionsIn("Production"),
                versions -> !versions.isEmpty() && versions.get(0) != first, CYCLE_WITHIN,
                "a retrained version in Production").get(0);
        Eventually.until(FullCycleIT::servedVersions, List.of(Integer.toString(retrained))::equals, STEP_WITHIN,
                "inference-app serving v" + retrained + " alone");
        long before = traffic.answeredBy(retrained);
        Eventually.until(() -> traffic.answeredBy(retrained), answers -> answers > before + 20, STEP_WITHIN,
                "answers from v" + retrained);
        System.out.printf("full cycle: v%d → v%d in Production %d s after the traffic started%n", first, retrained,
                Duration.between(unattendedFrom, Instant.now()).toSeconds());

        // and every step is on record, in order
        String retrainAction = driftAlertAndTheAgentsRetrain(first, retrained);
        JsonPath evaluation = cycleEvaluation(retrained);
        assertThat(evaluation.getBoolean("outputs.verdicts[0].passed")).as(evaluation.prettify()).isTrue();
        String rollout = canaryStepsToProduction(retrained);
        assertThat(versionsIn("Production")).containsExactly(retrained);
        assertThat(versionsIn("Archived")).containsExactly(first);
        assertThat(api().get("/api/approvals").jsonPath().getList("findAll { it.target == 'model:" + MODEL + "' }"))
                .as("nothing waited for a person").isEmpty();
        timelineInOrder();
        auditTrail(retrainAction, rollout);
        assertThat(traffic.failed()).as("failed client requests: %s", traffic.failures()).isZero();
    }

    private static int firstVersionInProduction() {
        api().contentType("text/csv").body(LendingClubCsv.rows(500, 6500))
                .post("/api/datasets?name=" + MODEL + "&label=Class&positive_class=bad").then().statusCode(201);
        String id = api().contentType("application/json").body("{\"parameters\":{\"dataset\":\"" + MODEL + "\"}}")
                .post("/api/jobs/retrain/runs").then().statusCode(202).extract().path("id");
        JsonPath run = Eventually.until(() -> api().get("/api/jobs/runs/" + id).jsonPath(),
                r -> List.of("succeeded", "failed").contains(r.getString("status")), STEP_WITHIN, "retrain " + id);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");
        int version = run.getInt("outputs.version");
        assertThat(cycleEvaluation(version).getBoolean("outputs.verdicts[0].passed")).isTrue();
        api().contentType("application/json").body("{\"stage\":\"Production\",\"reason\":\"first version\"}")
                .post("/api/models/" + MODEL + "/versions/" + version + "/stage").then().statusCode(200);
        Eventually.until(FullCycleIT::servedVersions, List.of(Integer.toString(version))::equals, STEP_WITHIN,
                "inference-app serving v" + version);
        return version;
    }

    /** The scheduled drift run that alerted, the alert, the agent's retrain (auto) and its run; the action's id. */
    private static String driftAlertAndTheAgentsRetrain(int first, int retrained) {
        JsonPath drift = runs("drift").setRootPath("runs.find { it.trigger == 'schedule' && it.status == 'succeeded'"
                + " && it.outputs.reports.find { r -> r.model == '" + MODEL + "' && r.verdict == 'alert' } != null }");
        assertThat(drift.getString("id")).as("a drift run on its cron that alerted").isNotNull();
        String reportId = drift.getString("outputs.reports.find { it.model == '" + MODEL + "' }.report");
        JsonPath report = api().get("/api/drift/reports/" + reportId).then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("version")).isEqualTo(first);
        assertThat(report.getList("drifted", String.class)).containsExactlyInAnyOrderElementsOf(SHIFT.keySet());

        JsonPath retrain = runs("retrain").setRootPath("runs.find { it.outputs.version == " + retrained + " }");
        assertThat(retrain.getString("trigger")).isEqualTo("agent");
        assertThat(retrain.getString("parameters.dataset")).as("the labelled live rows").isEqualTo("feedback:" + MODEL);
        assertThat(retrain.getBoolean("outputs.registered")).isTrue();

        String byThatRun = "it.actions.find { a -> a.type == 'retrain' && a.outcome != null && a.outcome.contains('"
                + retrain.getString("id") + "') } != null";
        JsonPath alert = new JsonPath(api().get("/api/alerts?limit=200").asString()).setRootPath(
                "find { it.name == 'data-drift' && it.subject == '" + MODEL + "' && " + byThatRun + " }");
        assertThat(alert.getString("summary")).as("the alert that led to the retrain").contains("annual_inc")
                .contains("int_rate");
        Map<String, Object> action = alert.getMap("actions.find { it.type == 'retrain' }");
        assertThat(action).containsEntry("tier", "auto").containsEntry("proposed_by", "agent")
                .containsEntry("status", "succeeded");
        assertThat(action.get("decided_by")).as("no approver").isNull();
        return (String) action.get("id");
    }

    /** The one rollout, started by the cycle, through every step; its id. */
    private static String canaryStepsToProduction(int retrained) {
        JsonPath rollouts = api().queryParam("model", MODEL).get("/api/rollouts").jsonPath();
        assertThat(rollouts.getList("$")).hasSize(1);
        assertThat(rollouts.getInt("[0].version")).isEqualTo(retrained);
        assertThat(rollouts.getString("[0].started_by")).isEqualTo("cycle");
        JsonPath rollout = api().get("/api/rollouts/" + rollouts.getString("[0].id")).jsonPath();
        assertThat(rollout.getString("status")).as(rollout.prettify()).isEqualTo("succeeded");
        assertThat(rollout.getList("events.findAll { it.kind == 'step' }.weight", Double.class))
                .containsExactly(0.25, 0.5, 1.0);
        assertThat(rollout.getList("events.findAll { it.kind == 'analysis' }.verdict", String.class))
                .contains("pass").doesNotContain("fail");
        return rollouts.getString("[0].id");
    }

    private static void timelineInOrder() {
        List<String> kinds = api().get("/api/models/" + MODEL + "/timeline").then().statusCode(200).extract()
                .jsonPath().getList("kind", String.class);
        assertThat(kinds).containsSubsequence("retrain.succeeded", "evaluate.succeeded",
                "model.version.stage-changed", "data-drift", "model.version.registered", "retrain.succeeded",
                "evaluate.succeeded", "rollout.started", "rollout.analysis", "rollout.step", "rollout.analysis",
                "model.version.stage-changed", "rollout.promoted");
        assertThat(kinds).contains("action.retrain.succeeded");
    }

    private static void auditTrail(String retrainAction, String rollout) {
        JsonPath audit = api().queryParam("limit", 1000).get("/api/audit").jsonPath();
        assertThat(audit.getList("findAll { it.target?.contains('" + MODEL + "') }.action", String.class))
                .contains("drift.report", "model.version.registered", "deployment.canary-promoted");
        assertThat(audit.getList("findAll { it.target == 'action:" + retrainAction + "' }.action", String.class))
                .contains("action.proposed");
        assertThat(audit.getList("findAll { it.target == 'rollout:" + rollout + "' }.action", String.class))
                .contains("rollout.started", "rollout.analysis", "rollout.promoted");
        assertThat(api().get("/api/audit/verify").jsonPath().getBoolean("intact")).as("the audit chain").isTrue();
    }

    /** The true class of each served loan, through inference-app's feedback endpoint, as clients send it. */
    private static void giveFeedback(List<ClientTraffic.Labelled> rows) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI feedback = inference.baseUri().resolve("/v1/feedback");
        Semaphore inFlight = new Semaphore(FEEDBACK_IN_FLIGHT);
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (ClientTraffic.Labelled row : rows) {
            inFlight.acquire();
            sent.add(http.sendAsync(HttpRequest.newBuilder(feedback)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prediction_id\":\"" + row.predictionId()
                            + "\",\"label\":\"" + row.label() + "\"}")).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> inFlight.release()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : sent) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        }
    }

    private static JsonPath cycleEvaluation(int version) {
        return Eventually.until(() -> runs("evaluate"), runs -> runs.getList("runs.findAll { it.trigger == 'cycle' "
                        + "&& it.status == 'succeeded' && it.parameters.version == '" + version + "' }").size() == 1,
                STEP_WITHIN, "the cycle's evaluate run of v" + version)
                .setRootPath("runs.find { it.trigger == 'cycle' && it.parameters.version == '" + version + "' }");
    }

    private static JsonPath runs(String job) {
        return api().queryParam("job", job).queryParam("size", 100).get("/api/jobs/runs").jsonPath();
    }

    private static List<Integer> versionsIn(String stage) {
        return api().queryParam("stage", stage).get("/api/models/" + MODEL + "/versions").jsonPath()
                .getList("version", Integer.class);
    }

    private static List<String> servedVersions() {
        return PackagedInference.servedVersions(inference, MODEL);
    }

    /**
     * Everything on, with short intervals: drift every minute (its cron is Unix cron, whose finest grain is the
     * minute), the cycle every second in mode auto, the agent's retrain in tier auto, 5 s canary steps. The other jobs'
     * crons are off so that nothing else runs; {@link QuickTrainings}: this test is about the chain, the gates have
     * their own tests.
     */
    private static Map<String, String> unattended(int inferencePort) {
        Map<String, String> settings = new HashMap<>();
        settings.put("flywheel.jobs.cron-enabled", "true");
        settings.put("flywheel.jobs.drift.cron", "* * * * *");
        settings.put("flywheel.jobs.retrain.cron", "off");
        settings.put("flywheel.jobs.evaluate.cron", "off");
        settings.put("flywheel.jobs.batch-score.cron", "off");
        settings.put("flywheel.cycle.enabled", "true");
        settings.put("flywheel.cycle.rollout", "auto");
        settings.put("flywheel.cycle.tick", "1s");
        settings.put("flywheel.agent.tiers.retrain", "auto");
        settings.put("flywheel.agent.retrain.poll-interval", "1s");
        // a drift run that comes while the feedback is still arriving retrains on nothing new (registered: false)
        // instead of on part of it, so exactly one version is trained on the labelled live rows
        settings.put("flywheel.datasets.feedback.min-new-labels", Integer.toString(LABELS));
        settings.put("flywheel.rollout.pods.urls", "http://127.0.0.1:" + inferencePort);
        settings.put("flywheel.rollout.interval", "5s");
        settings.put("flywheel.rollout.tick", "1s");
        settings.put("flywheel.rollout.thresholds.min-requests", "5");
        settings.put("flywheel.rollout.thresholds.min-distribution-rows", "40");
        settings.putAll(QuickTrainings.SETTINGS);
        // after a drift the question is how good the probabilities are for the population served now: the Brier
        // score (calibration included) may be no worse than Production's on the new rows. AUC barely moves when
        // columns are only scaled (the ranking is kept), and on the held-out rows' ~15 bad loans it is mostly noise.
        settings.put("flywheel.evaluation.primary-metric", "brier");
        settings.put("flywheel.evaluation.max-primary-regression", "0");
        return settings;
    }

    private static RequestSpecification api() {
        return given().baseUri(mlops.baseUri().toString()).when();
    }
}
