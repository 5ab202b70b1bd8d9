package io.flywheel.shared.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitsTest {

    private static final int[] LABELS = IntStream.range(0, 1000).map(i -> i % 20 == 0 ? 1 : 0).toArray();

    @Test
    void aHoldoutKeepsTheClassBalanceOnBothSidesAndCoversEveryRowOnce() {
        Split split = StratifiedSplits.holdout(LABELS, 0.2, 42);

        assertThat(split.test()).hasSize(200).isSorted();
        assertThat(split.train()).hasSize(800).isSorted();
        assertThat(positives(split.test())).isEqualTo(10);
        assertThat(IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.test())).sorted().toArray())
                .isEqualTo(IntStream.range(0, 1000).toArray());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnotherOne() {
        assertThat(StratifiedSplits.holdout(LABELS, 0.2, 42).test()).isEqualTo(StratifiedSplits.holdout(LABELS, 0.2, 42).test());
        assertThat(StratifiedSplits.holdout(LABELS, 0.2, 43).test()).isNotEqualTo(StratifiedSplits.holdout(LABELS, 0.2, 42).test());
    }

    @Test
    void kFoldTestsEveryRowExactlyOnceWithBalancedFolds() {
        List<Split> folds = StratifiedSplits.kFold(LABELS, 5, 7);

        int[] tested = new int[LABELS.length];
        for (Split fold : folds) {
            assertThat(fold.test()).hasSize(200);
            assertThat(positives(fold.test())).isEqualTo(10);
            assertThat(fold.train().length + fold.test().length).isEqualTo(LABELS.length);
            Arrays.stream(fold.test()).forEach(row -> tested[row]++);
        }
        assertThat(tested).containsOnly(1);
    }

    @Test
    void aClassTooSmallToSplitIsRefused() {
        int[] labels = {1, 0, 0, 0, 0, 0};

        assertThatThrownBy(() -> StratifiedSplits.kFold(labels, 3, 1))
                .hasMessage("class 1 has 1 rows; at least 3 are needed to put it on every side of the split");
        assertThatThrownBy(() -> StratifiedSplits.holdout(labels, 0.5, 1)).hasMessageStartingWith("class 1 has 1 rows");
        assertThatThrownBy(() -> StratifiedSplits.holdout(LABELS, 1.0, 1))
                .hasMessage("the test fraction must be within (0, 1), was 1.0");
    }

    private static long positives(int[] rows) {
        return Arrays.stream(rows).filter(row -> LABELS[row] == 1).count();
    }
}
