package io.flywheel.mlops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.predictions.LiveWindow;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.Promotion;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.SyntheticModels;
import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The drift target of SPEC.md: a run over 1,000,000 logged predictions × 30 features (24 numeric, 6 categorical, as
 * shared-model's synthetic benchmark tables) in the real {@code inference.prediction} table, from query to stored
 * report, both window kinds. Not part of verify; command and figures in docs/benchmarks.md ("Drift job").
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class DriftWindowBenchmark {

    private static final String MODEL = "drift-bench";
    private static final int ROWS = 1_000_000;
    private static final int RUNS = 3;

    @Inject
    RegistryService registry;

    @Inject
    DriftService drift;

    @Test
    void measuresADriftRunOverAMillionLoggedPredictions() throws Throwable {
        Table training = SyntheticModels.table(20_000, 24, 6, 1);
        FeatureSchema schema = FeatureSchema.infer(training, "label", "1");
        TabularModelArtifact artifact = new SyntheticModels(schema, training, 1).logisticRegression(false);
        Promotion.firstVersionToProduction(registry, MODEL, ArtifactCodec.write(artifact));
        PredictionLogRows.migrateInferenceSchema();
        long fill = System.nanoTime();
        fillLog(schema);
        System.out.printf("DRIFT BENCHMARK: logged %,d rows in %.1f s%n", ROWS, (System.nanoTime() - fill) / 1e9);

        List<String> lines = new ArrayList<>();
        for (LiveWindow window : List.of(LiveWindow.ofHours(24), LiveWindow.ofRows(ROWS))) {
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                DriftReportView report = drift.measure(MODEL, window, null, Attribution.component("bench", "bench"));
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(report.liveRows()).isEqualTo(ROWS);
                lines.add(String.format("| %s, run %d | %.2f s | %s |", window, run + 1, seconds, report.verdict()));
            }
        }
        System.out.println("DRIFT BENCHMARK\n" + String.join("\n", lines));
    }

    /** A million rows written by PostgreSQL itself: time-ordered ids, features drawn like the training table's. */
    private static void fillLog(FeatureSchema schema) throws Exception {
        StringBuilder features = new StringBuilder("jsonb_build_object(");
        List<Feature> all = schema.features();
        for (int f = 0; f < all.size(); f++) {
            Feature feature = all.get(f);
            features.append(f == 0 ? "" : ", ").append('\'').append(feature.name()).append("', ");
            int index = Integer.parseInt(feature.name().substring(1));
            features.append(feature.name().startsWith("x")
                    ? "CASE WHEN random() < 0.02 THEN NULL ELSE random_normal(0, " + (index + 1) + ") END"
                    : "CASE WHEN random() < 0.02 THEN NULL ELSE 'k' || floor(random() * " + (6 + index) + ")::int END");
        }
        features.append(')');
        String sql = "INSERT INTO inference.prediction SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))"
                + "::uuid, now() - make_interval(secs => (" + ROWS + " - g) / 1000.0), '" + MODEL + "', 1, false, "
                + "'r' || g, " + features + ", random(), '1', 2.0, 1, 'bench' FROM generate_series(1, " + ROWS + ") g";
        try (Connection connection = TestDatabase.shared().connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM inference.prediction WHERE model = '" + MODEL + "'");
            statement.execute(sql);
            statement.execute("VACUUM ANALYZE inference.prediction");
        }
    }
}
