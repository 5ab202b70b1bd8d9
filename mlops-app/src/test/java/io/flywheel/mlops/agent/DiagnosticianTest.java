package io.flywheel.mlops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.alerts.IncomingAlert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosticianTest {

    private static IncomingAlert alertmanager(String name, String severity, String subject, String description) {
        return new IncomingAlert("alertmanager", name, IncomingAlert.FIRING, severity, subject, null, "f1",
                Map.of("model", subject, "description", description));
    }

    @Test
    void aCriticalDriftAlertFarOverItsThresholdIsDataDriftScoredAboveItsSeverityAndRetrainIsProposed() {
        IncomingAlert drift = alertmanager("FlywheelFeatureDrift", "critical", "credit-risk",
                "PSI 0.46 (alert threshold 0.2).");

        Diagnosis diagnosis = Diagnostician.diagnose(drift);
        List<Proposal> plan = RemediationPlanner.plan(drift, diagnosis, 0.3);

        assertThat(diagnosis.category()).isEqualTo(AlertCategory.DATA_DRIFT);
        assertThat(diagnosis.severityScore()).isEqualTo(Diagnostician.CRITICAL + Diagnostician.FAR_OVER_THRESHOLD);
        assertThat(diagnosis.reasoning()).contains("mentions 'drift'").contains("0.46").contains("0.2");
        assertThat(plan).extracting(Proposal::type).containsExactly(ActionType.NOTIFY, ActionType.RETRAIN);
        assertThat(plan.get(1).target()).isEqualTo("model:credit-risk");
        assertThat(plan.get(1).predictedImpact()).contains("PSI");
    }

    @Test
    void eachOfFlywheelsAlertRulesFallsInItsCategory() {
        assertThat(category("FlywheelInferenceErrorRateHigh")).isEqualTo(AlertCategory.ERROR_RATE);
        assertThat(category("FlywheelInferenceLatencyP99High")).isEqualTo(AlertCategory.LATENCY);
        assertThat(category("FlywheelHttpLatencyP95High")).isEqualTo(AlertCategory.LATENCY);
        assertThat(category("FlywheelFeatureDriftWarning")).isEqualTo(AlertCategory.DATA_DRIFT);
        assertThat(category("FlywheelPredictionLogDropping")).isEqualTo(AlertCategory.RESOURCE);
        assertThat(category("FlywheelAppDown")).isEqualTo(AlertCategory.RESOURCE);
        assertThat(category("FlywheelTokenBudgetNearlySpent")).isEqualTo(AlertCategory.RESOURCE);
        assertThat(category("FlywheelLlmCostSpike")).isEqualTo(AlertCategory.RESOURCE);
        assertThat(category("SomethingElse")).isEqualTo(AlertCategory.UNKNOWN);
    }

    @Test
    void aLabelOrAPlatformKindWinsOverTheName() {
        IncomingAlert labelled = new IncomingAlert("alertmanager", "FlywheelLatencyOdd", IncomingAlert.FIRING,
                "warning", null, null, null, Map.of("flywheel_kind", "quality-drop"));
        IncomingAlert platform = new IncomingAlert("platform:validation", "data-validation", IncomingAlert.FIRING,
                "critical", "credit-risk", "rule null-rate failed on income", null, Map.of());

        assertThat(Diagnostician.diagnose(labelled).category()).isEqualTo(AlertCategory.QUALITY_DROP);
        assertThat(Diagnostician.diagnose(platform).category()).isEqualTo(AlertCategory.DATA_VALIDATION);
        assertThat(RemediationPlanner.plan(platform, Diagnostician.diagnose(platform), 0.3))
                .extracting(Proposal::type).containsExactly(ActionType.NOTIFY);
    }

    @Test
    void aResolvedOrAnInfoAlertIsOnlyLogged() {
        IncomingAlert resolved = new IncomingAlert("alertmanager", "FlywheelFeatureDrift", IncomingAlert.RESOLVED,
                "critical", "credit-risk", null, null, Map.of());
        IncomingAlert info = alertmanager("FlywheelFeatureDriftWarning", "info", "credit-risk", "PSI 0.11");

        assertThat(Diagnostician.diagnose(resolved).severityScore()).isZero();
        assertThat(RemediationPlanner.plan(resolved, Diagnostician.diagnose(resolved), 0.3))
                .extracting(Proposal::type).containsExactly(ActionType.LOG);
        assertThat(RemediationPlanner.plan(info, Diagnostician.diagnose(info), 0.3))
                .extracting(Proposal::type).containsExactly(ActionType.LOG);
    }

    @Test
    void latencyScalesOutErrorsOfAModelRollBackAndCostAlertsOnlyNotify() {
        assertThat(plan("FlywheelHttpLatencyP95High", "inference-app")).containsExactly(ActionType.NOTIFY,
                ActionType.SCALE_OUT);
        assertThat(plan("FlywheelInferenceErrorRateHigh", "inference-app")).containsExactly(ActionType.NOTIFY,
                ActionType.SCALE_OUT);
        assertThat(plan("FlywheelModelErrorRate", "fraud")).containsExactly(ActionType.NOTIFY, ActionType.ROLLBACK);
        assertThat(plan("FlywheelModelQualityDrop", "fraud")).containsExactly(ActionType.NOTIFY, ActionType.ROLLBACK,
                ActionType.RETRAIN);
        assertThat(plan("FlywheelTokenBudgetNearlySpent", "fw_abc")).containsExactly(ActionType.NOTIFY);
        assertThat(plan("FlywheelLlmCostSpike", "assistant")).containsExactly(ActionType.NOTIFY);
    }

    private static AlertCategory category(String name) {
        return Diagnostician.diagnose(alertmanager(name, "warning", "x", "")).category();
    }

    private static List<ActionType> plan(String name, String subject) {
        IncomingAlert alert = new IncomingAlert("alertmanager", name, IncomingAlert.FIRING, "critical", subject, null,
                null, Map.of());
        return RemediationPlanner.plan(alert, Diagnostician.diagnose(alert), 0.3).stream().map(Proposal::type).toList();
    }
}
