package io.flywheel.shared.drift;

import java.util.Arrays;

/**
 * Request latencies counted in fixed, log-spaced buckets, like a Prometheus histogram, so that pods can count apart
 * and their arrays be summed. Bounds: {@value #FIRST_BOUND_MS} ms × 2^(i/4) for i = 0..80 (four buckets per doubling,
 * up to 52,428.8 ms); bucket 0 holds latencies ≤ the first bound, bucket i those in (bound i−1, bound i], the last
 * bucket those above 52,428.8 ms. A percentile is estimated as the geometric middle of its bucket, so it is within
 * {@link #RELATIVE_ERROR} (9.05%) of the exact nearest-rank percentile whenever that lies between the first and the
 * last bound; below the first bound the estimate is the first bound, above the last the last bound (a lower bound).
 */
public final class LatencyHistogram {

    /** The layout of {@link #counts()}, stored next to the arrays. */
    public static final int ENCODING = 1;
    /** The first bucket's upper bound, in milliseconds. */
    public static final double FIRST_BOUND_MS = 0.05;
    /** Buckets per doubling of the latency: each bucket's upper bound is 2^(1/4) = 1.19 times its lower. */
    public static final int BUCKETS_PER_DOUBLING = 4;
    /** The largest relative error of {@link #percentile} inside the bounds: 2^(1/8) − 1. */
    public static final double RELATIVE_ERROR = Math.pow(2, 1.0 / (2 * BUCKETS_PER_DOUBLING)) - 1;

    private static final int DOUBLINGS = 20;
    private static final double[] BOUNDS = bounds();
    /** Number of buckets: one per bound and one above the last. */
    public static final int BUCKETS = BOUNDS.length + 1;

    private final long[] counts;

    public LatencyHistogram() {
        counts = new long[BUCKETS];
    }

    /** A histogram holding counts in the layout {@link #ENCODING}. */
    public static LatencyHistogram of(long[] counts) {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.add(counts);
        return histogram;
    }

    /** The bucket of a latency in milliseconds (NaN or negative: the first). */
    public static int bucketOf(double millis) {
        return Double.isNaN(millis) ? 0 : NumericReference.binOf(BOUNDS, millis);
    }

    /** The upper bound of a bucket in milliseconds ({@code +Infinity} for the last). */
    public static double upperBound(int bucket) {
        return bucket < BOUNDS.length ? BOUNDS[bucket] : Double.POSITIVE_INFINITY;
    }

    public void record(double millis) {
        counts[bucketOf(millis)]++;
    }

    /**
     * Adds counts in the layout {@link #ENCODING} (another histogram's, or a sum of them).
     *
     * @throws IllegalArgumentException when the length is not {@link #BUCKETS} or a count is negative
     */
    public void add(long[] other) {
        if (other.length != BUCKETS) {
            throw new IllegalArgumentException("latency buckets have " + other.length + " entries; layout "
                    + ENCODING + " has " + BUCKETS);
        }
        for (int b = 0; b < BUCKETS; b++) {
            if (other[b] < 0) {
                throw new IllegalArgumentException("latency buckets hold a negative count: " + other[b]);
            }
            counts[b] += other[b];
        }
    }

    public long[] counts() {
        return counts.clone();
    }

    /** Latencies counted. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /**
     * The estimated {@code quantile} (e.g. 0.95) in milliseconds: the geometric middle of the bucket holding the
     * nearest-rank value ({@code ceil(quantile × total)}-th smallest); {@code NaN} when nothing was counted.
     */
    public double percentile(double quantile) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("a quantile is in (0, 1], was " + quantile);
        }
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        int bucket = 0;
        while (seen + counts[bucket] < rank) {
            seen += counts[bucket++];
        }
        if (bucket == 0) {
            return BOUNDS[0];
        }
        if (bucket == BOUNDS.length) {
            return BOUNDS[BOUNDS.length - 1];
        }
        return Math.sqrt(BOUNDS[bucket - 1] * BOUNDS[bucket]);
    }

    @Override
    public String toString() {
        return "LatencyHistogram" + Arrays.toString(counts);
    }

    private static double[] bounds() {
        double[] bounds = new double[DOUBLINGS * BUCKETS_PER_DOUBLING + 1];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = FIRST_BOUND_MS * Math.pow(2, (double) i / BUCKETS_PER_DOUBLING);
        }
        return bounds;
    }
}
