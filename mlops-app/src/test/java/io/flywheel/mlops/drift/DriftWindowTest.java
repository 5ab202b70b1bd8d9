package io.flywheel.mlops.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.predictions.LiveWindow;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.Promotion;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.TestArtifacts;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.drift.LatencyHistogram;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.testing.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The two kinds of drift window over the serving minutes: the last N hours is every minute of the version in range,
 * the newest N rows is the newest whole minutes until they hold N rows; a minute row whose counts do not fit the
 * version's reference is refused naming it.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class DriftWindowTest {

    private static final Table ROWS = TestDatasets.breastCancer();
    private static final Attribution BY = Attribution.component("test", "drift-window");

    @Inject
    RegistryService registry;

    @Inject
    DriftService drift;

    @Test
    void anHoursWindowSumsEveryMinuteOfTheVersionInRangeAndNothingOlder() throws Throwable {
        TabularModel scorer = productionModel("window-hours", 31);
        Instant now = Instant.now();
        PredictionLogRows.log("window-hours", 1, scorer, ROWS, Set.of(), 1, now.minus(Duration.ofHours(3)), 2);
        Instant ninetyMinutesAgo = now.minus(Duration.ofMinutes(90));
        PredictionLogRows.log("window-hours", 1, scorer, ROWS, Set.of(), 1, ninetyMinutesAgo, 2);
        PredictionLogRows.log("window-hours", 1, scorer, ROWS, Set.of(), 1, now, 2);
        PredictionLogRows.log("window-hours", 2, scorer, ROWS, Set.of(), 1, now, 2);

        DriftReportView report = drift.measure("window-hours", LiveWindow.ofHours(2), null, BY);

        assertThat(report.liveRows()).as("two minutes of version 1 in the last 2 h").isEqualTo(2L * ROWS.rowCount());
        assertThat(OffsetDateTime.parse(report.windowFrom()).toInstant())
                .isEqualTo(ninetyMinutesAgo.truncatedTo(ChronoUnit.MINUTES));
        assertThat(OffsetDateTime.parse(report.windowTo()).toInstant())
                .isEqualTo(now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60));
        assertThat(report.verdict()).isEqualTo("ok");
    }

    @Test
    void aRowsWindowTakesTheNewestWholeMinutesUntilTheyHoldTheRows() throws Throwable {
        TabularModel scorer = productionModel("window-rows", 32);
        Instant now = Instant.now();
        PredictionLogRows.log("window-rows", 1, scorer, ROWS, Set.of(), 1, now.minus(Duration.ofMinutes(10)), 2);
        PredictionLogRows.log("window-rows", 1, scorer, ROWS, Set.of(), 1, now.minus(Duration.ofMinutes(5)), 2);
        PredictionLogRows.log("window-rows", 1, scorer, ROWS, Set.of(), 1, now, 2);

        DriftReportView ten = drift.measure("window-rows", LiveWindow.ofRows(10), null, BY);
        DriftReportView oneMore = drift.measure("window-rows", LiveWindow.ofRows(ROWS.rowCount() + 1), null, BY);

        assertThat(ten.liveRows()).as("the newest minute, whole").isEqualTo(ROWS.rowCount());
        assertThat(oneMore.liveRows()).as("the newest two minutes").isEqualTo(2L * ROWS.rowCount());
        assertThat(OffsetDateTime.parse(oneMore.windowFrom()).toInstant())
                .isEqualTo(now.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES));
    }

    @Test
    void aMinuteRowWhoseCountsDoNotFitTheReferenceIsRefusedNamingIt() throws Throwable {
        productionModel("window-misfit", 33);
        PredictionLogRows.minute("window-misfit", 1, Instant.now(), 3, 0, new LatencyHistogram().counts(),
                new long[] {1, 2, 3});

        assertThatThrownBy(() -> drift.measure("window-misfit", LiveWindow.ofHours(1), null, BY))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("inference.serving_minute of 'window-misfit' v1")
                .hasMessageContaining("pod 'test-pod'")
                .hasMessageContaining("the drift counts have 3 entries");
    }

    private TabularModel productionModel(String name, int seed) throws Throwable {
        PredictionLogRows.migrateInferenceSchema();
        byte[] artifact = TestArtifacts.tabular(seed);
        Promotion.firstVersionToProduction(registry, name, artifact);
        return TabularModel.compile(ArtifactCodec.read(artifact));
    }
}
