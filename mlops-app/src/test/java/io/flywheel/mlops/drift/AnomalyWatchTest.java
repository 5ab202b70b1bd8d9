package io.flywheel.mlops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.predictions.LiveWindow;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.Promotion;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.TestArtifacts;
import io.flywheel.mlops.training.AlertRecorder;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.drift.Anomaly;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.testing.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Latency anomalies from the prediction log: two days of hourly traffic answered in about 2 ms, then an hour answered
 * in 40 ms → a high anomaly in the drift report and a critical latency alert for the model.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class AnomalyWatchTest {

    private static final String MODEL = "anomaly-watch";
    private static final byte[] ARTIFACT = TestArtifacts.tabular(21);
    private static final int BASELINE_HOURS = 48;
    private static final int REQUESTS_PER_HOUR = 30;

    @Inject
    RegistryService registry;

    @Inject
    DriftService drift;

    @Inject
    AlertRecorder alerts;

    @Test
    void aLatencySpikeAgainstTwoQuietDaysIsAHighAnomalyWithACriticalAlert() throws Throwable {
        PredictionLogRows.migrateInferenceSchema();
        Promotion.firstVersionToProduction(registry, MODEL, ARTIFACT);
        TabularModel scorer = TabularModel.compile(ArtifactCodec.read(ARTIFACT));
        Table rows = TestDatasets.breastCancer().select(range(REQUESTS_PER_HOUR));
        Instant thisHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (int hour = BASELINE_HOURS; hour >= 1; hour--) {
            PredictionLogRows.log(MODEL, 1, scorer, rows, Set.of(), 1, thisHour.minus(Duration.ofHours(hour))
                    .plusSeconds(60), 2.0 + (hour % 3) * 0.1);
        }
        PredictionLogRows.log(MODEL, 1, scorer, rows, Set.of(), 1, Instant.now(), 40);

        DriftReportView report = drift.measure(MODEL, LiveWindow.ofHours(1), null,
                Attribution.component("test", "anomaly"));

        assertThat(report.anomalies()).singleElement().satisfies(anomaly -> {
            assertThat(anomaly.metric()).isEqualTo("latency_p95_ms");
            assertThat(anomaly.value()).isEqualTo(40);
            assertThat(anomaly.baselinePoints()).isEqualTo(BASELINE_HOURS);
            assertThat(anomaly.severity()).isEqualTo(Anomaly.Severity.HIGH);
        });
        Eventually.until(alerts::alerts, list -> list.stream().anyMatch(alert -> alert.kind().equals("latency")
                && MODEL.equals(alert.model()) && alert.severity().equals("critical")), Duration.ofSeconds(30),
                "a critical latency alert");
    }

    private static int[] range(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
