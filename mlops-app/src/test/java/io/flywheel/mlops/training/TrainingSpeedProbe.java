package io.flywheel.mlops.training;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.drift.ReferenceOptions;
import io.flywheel.shared.tabular.FeatureEncoder;
import io.flywheel.testing.TestDatasets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("benchmark")
class TrainingSpeedProbe {
    @Test
    void probe() {
        Table big = SyntheticLendingData.enlarge(TestDatasets.lendingClub(), "Class", 100_000, 30, 7);
        FeatureSchema schema = FeatureSchema.infer(big, "Class", null);
        Table train = big.select(java.util.stream.IntStream.range(0, 53_000).toArray());
        for (CandidateTrainer c : List.<CandidateTrainer>of(new LogisticRegressionCandidate(3, 0.5, 1),
                new RandomForestCandidate(100, 10, 1, 0.63, 0.3, 1), new BoostedTreesCandidate(100, 0.1, 6, 1, 0.8, 0.8, 1))) {
            long t0 = System.nanoTime();
            FeatureEncoder enc = FeatureEncoder.fit(schema, train, c.algorithm().encoding());
            EncodedRows rows = EncodedRows.of(enc, schema, train);
            long t1 = System.nanoTime();
            FittedModel m = c.fit(rows, 1);
            long t2 = System.nanoTime();
            m.export();
            long t3 = System.nanoTime();
            System.out.printf("%s: encode %.2fs fit %.2fs export %.2fs%n", c.algorithm().label(), (t1-t0)/1e9, (t2-t1)/1e9, (t3-t2)/1e9);
        }
    }
}
