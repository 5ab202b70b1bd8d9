package io.flywheel.shared.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fixed log-spaced latency buckets: summable across pods, p95 within the documented error of the exact one. */
class LatencyHistogramTest {

    @Test
    void theP95EstimateIsWithinTheRelativeErrorOfTheExactNearestRankP95() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] latencies = new double[50 + random.nextInt(5000)];
            LatencyHistogram histogram = new LatencyHistogram();
            double scale = 0.5 * Math.pow(10, random.nextDouble() * 3); // 0.5 ms to 500 ms: inside the bounds
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = scale * Math.exp(random.nextGaussian());
                histogram.record(latencies[i]);
            }
            Arrays.sort(latencies);
            double exact = latencies[(int) Math.ceil(0.95 * latencies.length) - 1];

            assertThat(histogram.percentile(0.95)).isCloseTo(exact, within(exact * LatencyHistogram.RELATIVE_ERROR));
        }
        assertThat(LatencyHistogram.RELATIVE_ERROR).isCloseTo(0.0905, within(1e-4));
    }

    @Test
    void histogramsOfTwoPodsSumToTheHistogramOfAllTheirRequests() {
        LatencyHistogram one = new LatencyHistogram();
        LatencyHistogram other = new LatencyHistogram();
        LatencyHistogram all = new LatencyHistogram();
        Random random = new Random(4);
        for (int i = 0; i < 1000; i++) {
            double millis = random.nextDouble() * 40;
            (i % 3 == 0 ? one : other).record(millis);
            all.record(millis);
        }

        LatencyHistogram summed = LatencyHistogram.of(one.counts());
        summed.add(other.counts());

        assertThat(summed.counts()).isEqualTo(all.counts());
        assertThat(summed.total()).isEqualTo(1000);
        assertThat(summed.percentile(0.95)).isEqualTo(all.percentile(0.95));
    }

    @Test
    void bucketsFollowTheDocumentedBoundsIncludingBothEnds() {
        assertThat(LatencyHistogram.BUCKETS).isEqualTo(82);
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(0.05)).isZero();
        assertThat(LatencyHistogram.bucketOf(0.0501)).isOne();
        assertThat(LatencyHistogram.bucketOf(0.1)).isEqualTo(4);
        assertThat(LatencyHistogram.upperBound(80)).isCloseTo(52_428.8, within(1e-6));
        assertThat(LatencyHistogram.bucketOf(1e9)).isEqualTo(81);
        assertThat(LatencyHistogram.upperBound(81)).isInfinite();
    }

    @Test
    void outsideTheBoundsThePercentileIsTheNearestBoundAndEmptyIsNaN() {
        LatencyHistogram fast = new LatencyHistogram();
        fast.record(0.001);
        LatencyHistogram slow = new LatencyHistogram();
        slow.record(90_000);

        assertThat(fast.percentile(0.95)).isEqualTo(0.05);
        assertThat(slow.percentile(0.95)).isCloseTo(52_428.8, within(1e-6));
        assertThat(new LatencyHistogram().percentile(0.95)).isNaN();
    }

    @Test
    void countsOfAnotherLayoutAreRefused() {
        assertThatThrownBy(() -> LatencyHistogram.of(new long[10])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 entries").hasMessageContaining("82");
        assertThatThrownBy(() -> new LatencyHistogram().percentile(0)).hasMessageContaining("quantile");
    }
}
