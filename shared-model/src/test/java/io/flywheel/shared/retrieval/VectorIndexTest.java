package io.flywheel.shared.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VectorIndexTest {

    private static final int DIMENSION = 37;

    @Test
    void topKMatchesABruteForceRankingOfEveryRow() {
        Random random = new Random(42);
        VectorIndex index = VectorIndex.normalising(randomRows(random, 5_000), DIMENSION);
        for (int query = 0; query < 50; query++) {
            float[] q = randomRows(random, 1);
            VectorIndex.normalise(q, 0, DIMENSION);
            for (int k : new int[] {1, 5, 17, 100}) {
                VectorIndex.Hits hits = index.search(q, k, -1f);

                int[] expected = bruteForce(index, q).limit(k).toArray();
                assertThat(hits.rows()).containsExactly(expected);
                for (int i = 0; i < hits.size(); i++) {
                    assertThat(hits.scores()[i]).isEqualTo(index.score(hits.rows()[i], q));
                }
            }
        }
    }

    @Test
    void theThresholdDropsRowsBelowItAndKeepsTheOrder() {
        Random random = new Random(7);
        VectorIndex index = VectorIndex.normalising(randomRows(random, 1_000), DIMENSION);
        float[] q = index.row(3);

        VectorIndex.Hits hits = index.search(q, 1_000, 0.2f);

        int[] expected = bruteForce(index, q).filter(row -> index.score(row, q) >= 0.2f).toArray();
        assertThat(hits.rows()).containsExactly(expected);
        assertThat(hits.rows()[0]).isEqualTo(3);
        assertThat(hits.scores()[0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void equalScoresRankTheLowerRowFirst() {
        float[] rows = new float[4 * 2];
        for (int row = 0; row < 4; row++) {
            rows[row * 2] = 1;
        }
        VectorIndex index = VectorIndex.normalising(rows, 2);

        assertThat(index.search(new float[] {1, 0}, 3, -1f).rows()).containsExactly(0, 1, 2);
    }

    @Test
    void kLargerThanTheIndexOrZeroIsFine() {
        VectorIndex index = VectorIndex.normalising(randomRows(new Random(1), 3), DIMENSION);
        float[] q = index.row(0);

        assertThat(index.search(q, 10, -1f).size()).isEqualTo(3);
        assertThat(index.search(q, 0, -1f).size()).isZero();
        assertThat(VectorIndex.normalising(new float[0], DIMENSION).search(q, 5, -1f).size()).isZero();
    }

    @Test
    void aQueryOfTheWrongDimensionIsRefused() {
        VectorIndex index = VectorIndex.normalising(randomRows(new Random(1), 3), DIMENSION);

        assertThatThrownBy(() -> index.search(new float[DIMENSION + 1], 1, -1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimensions");
    }

    @Test
    void storedRowsMustBeOfUnitLength() {
        assertThatThrownBy(() -> VectorIndex.ofUnitRows(new float[] {3, 4}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit length");
        assertThat(VectorIndex.ofUnitRows(new float[] {0.6f, 0.8f, 0, 0}, 2).size()).isEqualTo(2);
    }

    private static IntStream bruteForce(VectorIndex index, float[] q) {
        return IntStream.range(0, index.size()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(row -> -exactDot(index.row(row), q))
                        .thenComparingInt(row -> row))
                .mapToInt(Integer::intValue);
    }

    private static double exactDot(float[] a, float[] b) {
        // the index sums in float with four accumulators; rank by its own arithmetic to compare like with like
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i < a.length - 3; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static float[] randomRows(Random random, int rows) {
        float[] values = new float[rows * DIMENSION];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void normalisingLeavesAZeroRowAtZero() {
        float[] values = new float[] {0, 0, 3, 4};
        VectorIndex.normalise(values, 0, 2);
        VectorIndex.normalise(values, 2, 2);

        assertThat(Arrays.copyOfRange(values, 0, 2)).containsExactly(0f, 0f);
        assertThat(Arrays.copyOfRange(values, 2, 4)).containsExactly(0.6f, 0.8f);
    }
}
