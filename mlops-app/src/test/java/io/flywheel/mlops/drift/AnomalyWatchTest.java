package io.flywheel.mlops.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

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
import io.flywheel.shared.drift.LatencyHistogram;
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
 * Anomalies of the hourly series summed from serving minutes: two days of hourly traffic answered in 2–3 ms, then an
 * hour answered in 40 ms → a high latency anomaly in the drift report and a critical latency alert; two days with an
 * error or two per hour, then an hour where a third of the requests fail → a high error-rate anomaly and its alert.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class AnomalyWatchTest {

    private static final String MODEL = "anomaly-watch";
    private static final String ERRORS_MODEL = "anomaly-watch-errors";
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
                    .plusSeconds(60), 2.0 + (hour % 3) * 0.4);
        }
        PredictionLogRows.log(MODEL, 1, scorer, rows, Set.of(), 1, Instant.now(), 40);

        DriftReportView report = drift.measure(MODEL, LiveWindow.ofHours(1), null,
                Attribution.component("test", "anomaly"));

        assertThat(report.anomalies()).filteredOn(anomaly -> anomaly.metric().equals("error_rate")).singleElement()
                .satisfies(anomaly -> assertThat(anomaly.severity()).isEqualTo(Anomaly.Severity.NONE));
        assertThat(report.anomalies()).filteredOn(anomaly -> anomaly.metric().equals("latency_p95_ms"))
                .singleElement().satisfies(anomaly -> {
            assertThat(anomaly.value()).as("the histogram's estimate").isCloseTo(40,
                    withinPercentage(100 * LatencyHistogram.RELATIVE_ERROR));
            assertThat(anomaly.baselinePoints()).isEqualTo(BASELINE_HOURS);
            assertThat(anomaly.severity()).isEqualTo(Anomaly.Severity.HIGH);
        });
        Eventually.until(alerts::alerts, list -> list.stream().anyMatch(alert -> alert.kind().equals("latency")
                && MODEL.equals(alert.model()) && alert.severity().equals("critical")), Duration.ofSeconds(30),
                "a critical latency alert");
    }

    @Test
    void anHourWhereAThirdOfRequestsFailAgainstTwoDaysOfRareErrorsIsAHighErrorRateAnomaly() throws Throwable {
        PredictionLogRows.migrateInferenceSchema();
        Promotion.firstVersionToProduction(registry, ERRORS_MODEL, TestArtifacts.tabular(22));
        Instant thisHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (int hour = BASELINE_HOURS; hour >= 1; hour--) {
            PredictionLogRows.errors(ERRORS_MODEL, 1, thisHour.minus(Duration.ofHours(hour)).plusSeconds(60), 40,
                    hour % 3);
        }
        PredictionLogRows.errors(ERRORS_MODEL, 1, Instant.now(), 45, 15);

        DriftReportView report = drift.measure(ERRORS_MODEL, LiveWindow.ofHours(1), null,
                Attribution.component("test", "anomaly"));

        assertThat(report.anomalies()).as("no answered request: no latency series").singleElement()
                .satisfies(anomaly -> {
            assertThat(anomaly.metric()).isEqualTo("error_rate");
            assertThat(anomaly.value()).isCloseTo(1.0 / 3, within(1e-9));
            assertThat(anomaly.baselinePoints()).isEqualTo(BASELINE_HOURS);
            assertThat(anomaly.severity()).isEqualTo(Anomaly.Severity.HIGH);
        });
        Eventually.until(alerts::alerts, list -> list.stream().anyMatch(alert -> alert.kind().equals("error-rate")
                && ERRORS_MODEL.equals(alert.model()) && alert.severity().equals("critical")),
                Duration.ofSeconds(30), "a critical error-rate alert");
    }

    private static int[] range(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
