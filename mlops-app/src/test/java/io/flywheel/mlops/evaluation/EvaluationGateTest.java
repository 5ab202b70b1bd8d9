package io.flywheel.mlops.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationGateTest {

    private static final Map<String, Double> PRODUCTION = Map.of("roc_auc", 0.74, "ece", 0.02, "recall", 0.45);

    private static EvaluationGate gate(String... overrides) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(EvaluationSettings.class);
        for (int i = 0; i < overrides.length; i += 2) {
            builder.withDefaultValue(overrides[i], overrides[i + 1]);
        }
        SmallRyeConfig config = builder.build();
        return new EvaluationGate(config.getConfigMapping(EvaluationSettings.class));
    }

    @Test
    void aCandidateWithinTheMarginOfProductionPasses() {
        GateResult result = gate().judge(Map.of("roc_auc", 0.735, "ece", 0.03, "recall", 0.40), PRODUCTION);
        assertThat(result.passed()).isTrue();
        assertThat(result.summary()).startsWith("roc_auc 0.7350 vs Production 0.7400 (margin 0.0100)").endsWith(": pass");
        assertThat(result.checks()).extracting(GateCheck::gate).containsExactly("primary", "calibration", "recall");
    }

    @Test
    void aPrimaryRegressionBeyondTheMarginFailsEvenWhenTheGuardsHold() {
        GateResult result = gate().judge(Map.of("roc_auc", 0.72, "ece", 0.02, "recall", 0.45), PRODUCTION);
        assertThat(result.passed()).isFalse();
        assertThat(result.checks().get(0).passed()).isFalse();
        assertThat(result.checks().get(0).limit()).isEqualTo(0.73, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aBrokenGuardFailsABetterRankingCandidate() {
        GateResult worseCalibration = gate().judge(Map.of("roc_auc", 0.80, "ece", 0.05, "recall", 0.45), PRODUCTION);
        assertThat(worseCalibration.passed()).isFalse();
        assertThat(worseCalibration.checks().get(1).gate()).isEqualTo("calibration");
        assertThat(worseCalibration.checks().get(1).passed()).isFalse();
        GateResult lostRecall = gate().judge(Map.of("roc_auc", 0.80, "ece", 0.02, "recall", 0.30), PRODUCTION);
        assertThat(lostRecall.passed()).isFalse();
        assertThat(lostRecall.checks().get(2).passed()).isFalse();
    }

    @Test
    void aFirstModelIsJudgedOnAbsoluteThresholds() {
        assertThat(gate().judge(Map.of("roc_auc", 0.70, "ece", 0.05, "recall", 0.3), null).passed()).isTrue();
        GateResult weak = gate().judge(Map.of("roc_auc", 0.55, "ece", 0.05, "recall", 0.3), null);
        assertThat(weak.passed()).isFalse();
        assertThat(weak.summary()).contains("roc_auc 0.5500 (at least 0.6000)").endsWith(": fail");
        assertThat(weak.checks()).allSatisfy(check -> assertThat(check.baseline()).isNull());
    }

    @Test
    void aLowerIsBetterPrimaryMetricMayNotGrowBeyondTheMargin() {
        EvaluationGate byLogLoss = gate("flywheel.evaluation.primary-metric", "log_loss");
        Map<String, Double> production = Map.of("log_loss", 0.20, "ece", 0.02, "recall", 0.45);
        assertThat(byLogLoss.judge(Map.of("log_loss", 0.205, "ece", 0.02, "recall", 0.45), production).passed())
                .isTrue();
        assertThat(byLogLoss.judge(Map.of("log_loss", 0.25, "ece", 0.02, "recall", 0.45), production).passed())
                .isFalse();
    }

    @Test
    void anUndefinedMetricOrAnUnknownPrimaryMetricIsRefusedNotGuessed() {
        assertThatThrownBy(() -> gate().judge(Map.of("ece", 0.02, "recall", 0.4), PRODUCTION))
                .hasMessageContaining("roc_auc is undefined");
        assertThatThrownBy(() -> gate("flywheel.evaluation.primary-metric", "auc"))
                .hasMessageContaining("primary-metric must be one of");
    }
}
