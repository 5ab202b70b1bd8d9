package io.flywheel.mlops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.dashboard.RolloutPanels.AnalysisRow;
import io.flywheel.mlops.dashboard.RolloutPanels.RolloutPanel;
import io.flywheel.mlops.rollout.RolloutEventView;
import io.flywheel.mlops.rollout.RolloutView;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A rollout as the rollouts page shows it: where it stands, and each step's analysis with its measurements. */
class RolloutPanelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 7, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void eachAnalysisShowsErrorRateP95PsiAccuracyVerdictAndReasonAndOtherEventsAreLeftOut() throws Exception {
        RolloutEventView started = new RolloutEventView(1, AT, "started", 0, 0.05, null, "op", "started", null);
        RolloutEventView passed = new RolloutEventView(2, AT.plusMinutes(5), "analysis", 0, 0.05, "pass", "controller",
                "all checks passed", JSON.readTree("""
                        {"measurements": {"canary_error_rate": 0.0125, "canary_p95_ms": 12.5,
                                          "prediction_psi": 0.031, "canary_accuracy": 0.95}}"""));
        RolloutEventView held = new RolloutEventView(3, AT.plusMinutes(10), "analysis", 1, 0.25, "inconclusive",
                "controller", "too few requests", JSON.readTree("""
                        {"measurements": {"canary_error_rate": null, "prediction_psi": null}}"""));
        RolloutView rollout = new RolloutView(UUID.randomUUID(), "wdbc", 2, 1, "canary", List.of(0.05, 0.25, 0.5, 1.0),
                1, 0.25, "running", null, "op", AT, AT.plusMinutes(5), AT.plusMinutes(15), null,
                List.of(started, passed, held));

        RolloutPanel panel = RolloutPanels.panel(rollout);

        assertThat(panel.step()).isEqualTo(2);
        assertThat(panel.steps()).isEqualTo(4);
        assertThat(panel.weight()).isEqualTo("25%");
        assertThat(panel.progress()).isEqualTo(25);
        assertThat(panel.plan()).isEqualTo("5% → 25% → 50% → 100%");
        assertThat(panel.active()).isTrue();
        assertThat(panel.report()).isEqualTo("/api/rollouts/" + rollout.id() + "/report");
        assertThat(panel.analyses()).containsExactly(
                new AnalysisRow(1, "5%", "2026-12-07 00:05:00 +00:00", "pass", "0.0125", "12.5000", "0.0310",
                        "0.9500", "all checks passed"),
                new AnalysisRow(2, "25%", "2026-12-07 00:10:00 +00:00", "inconclusive", "–", "–", "–", "–",
                        "too few requests"));
    }
}
