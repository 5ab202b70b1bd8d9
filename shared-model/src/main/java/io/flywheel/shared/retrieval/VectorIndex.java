package io.flywheel.shared.retrieval;

import java.util.Arrays;

/**
 * Unit-length vectors in one contiguous {@code float[]} (row i at {@code [i * dimension, (i + 1) * dimension)}), and
 * an exact top-k search: with normalised vectors cosine similarity is a dot product, and a size-k min-heap keeps the
 * best rows in one pass with no allocation per row. Exact rather than approximate (HNSW, IVF) because the indexes
 * this platform builds are small enough — 100k passages are scanned in milliseconds (docs/benchmarks.md) — and exact
 * results keep evaluation reproducible.
 */
public final class VectorIndex {

    /** How far from 1 the norm of a stored row may be: float32 rounding, never a non-normalised row. */
    private static final double UNIT_TOLERANCE = 1e-4;

    private final float[] vectors;
    private final int dimension;
    private final int size;

    private VectorIndex(float[] vectors, int dimension) {
        this.vectors = vectors;
        this.dimension = dimension;
        this.size = vectors.length / dimension;
    }

    /**
     * An index over the given rows. The array is taken over, not copied; rows are normalised in place (a zero row
     * stays zero and never matches).
     */
    public static VectorIndex normalising(float[] vectors, int dimension) {
        if (dimension < 1 || vectors.length % dimension != 0) {
            throw new IllegalArgumentException(vectors.length + " values are not rows of dimension " + dimension);
        }
        for (int row = 0; row < vectors.length; row += dimension) {
            normalise(vectors, row, dimension);
        }
        return new VectorIndex(vectors, dimension);
    }

    /**
     * An index over rows that are already of unit length (or all zeros), as an artifact stores them; the array is
     * taken over, not copied, and not changed, so that writing the index again gives the same bytes.
     *
     * @throws IllegalArgumentException when a row is neither of unit length nor zero
     */
    public static VectorIndex ofUnitRows(float[] vectors, int dimension) {
        if (dimension < 1 || vectors.length % dimension != 0) {
            throw new IllegalArgumentException(vectors.length + " values are not rows of dimension " + dimension);
        }
        for (int row = 0; row < vectors.length; row += dimension) {
            double squares = 0;
            for (int i = row; i < row + dimension; i++) {
                squares += (double) vectors[i] * vectors[i];
            }
            if (squares != 0 && Math.abs(Math.sqrt(squares) - 1) > UNIT_TOLERANCE) {
                throw new IllegalArgumentException("row " + row / dimension + " is not of unit length (norm "
                        + Math.sqrt(squares) + ")");
            }
        }
        return new VectorIndex(vectors, dimension);
    }

    /** Scales {@code values[from, from + length)} to unit length, unless it is all zeros. */
    public static void normalise(float[] values, int from, int length) {
        double squares = 0;
        for (int i = from; i < from + length; i++) {
            squares += (double) values[i] * values[i];
        }
        if (squares > 0) {
            float scale = (float) (1.0 / Math.sqrt(squares));
            for (int i = from; i < from + length; i++) {
                values[i] *= scale;
            }
        }
    }

    public int size() {
        return size;
    }

    public int dimension() {
        return dimension;
    }

    /** A copy of row {@code i}. */
    public float[] row(int i) {
        return Arrays.copyOfRange(vectors, i * dimension, (i + 1) * dimension);
    }

    /** The raw rows, for writing the artifact; not to be modified. */
    float[] values() {
        return vectors;
    }

    /** Cosine similarity of row {@code i} with a unit-length query. */
    public float score(int i, float[] query) {
        return dot(query, i * dimension);
    }

    /**
     * The {@code k} rows closest to the query, best first (ties: lower row first), keeping only those scoring at
     * least {@code minScore}. The query must be of unit length (see {@link #normalise}).
     */
    public Hits search(float[] query, int k, float minScore) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dimension);
        }
        int capacity = Math.min(Math.max(k, 0), size);
        int[] heapRows = new int[capacity];
        float[] heapScores = new float[capacity];
        int count = 0;
        for (int row = 0; row < size && capacity > 0; row++) {
            float score = dot(query, row * dimension);
            if (score < minScore) {
                continue;
            }
            if (count < capacity) {
                heapRows[count] = row;
                heapScores[count] = score;
                siftUp(heapRows, heapScores, count++);
            } else if (better(score, row, heapScores[0], heapRows[0])) {
                heapRows[0] = row;
                heapScores[0] = score;
                siftDown(heapRows, heapScores, count);
            }
        }
        return Hits.sorted(heapRows, heapScores, count);
    }

    // Four accumulators let the CPU overlap the multiply-adds; a single one serialises them on its latency.
    private float dot(float[] query, int offset) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        int limit = dimension - 3;
        for (; i < limit; i += 4) {
            s0 += query[i] * vectors[offset + i];
            s1 += query[i + 1] * vectors[offset + i + 1];
            s2 += query[i + 2] * vectors[offset + i + 2];
            s3 += query[i + 3] * vectors[offset + i + 3];
        }
        for (; i < dimension; i++) {
            s0 += query[i] * vectors[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Whether (score, row) ranks before (otherScore, otherRow): higher score, then lower row. */
    static boolean better(float score, int row, float otherScore, int otherRow) {
        return score > otherScore || (score == otherScore && row < otherRow);
    }

    // The heap's root is the worst of the kept rows, so a better row replaces it.
    private static void siftUp(int[] rows, float[] scores, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(scores[parent], rows[parent], scores[i], rows[i])) {
                return;
            }
            swap(rows, scores, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] rows, float[] scores, int count) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= count) {
                return;
            }
            int worse = left;
            int right = left + 1;
            if (right < count && better(scores[worse], rows[worse], scores[right], rows[right])) {
                worse = right;
            }
            if (!better(scores[i], rows[i], scores[worse], rows[worse])) {
                return;
            }
            swap(rows, scores, i, worse);
            i = worse;
        }
    }

    private static void swap(int[] rows, float[] scores, int a, int b) {
        int row = rows[a];
        rows[a] = rows[b];
        rows[b] = row;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }

    /** The rows found by a search and their scores, best first. */
    public record Hits(int[] rows, float[] scores) {

        public int size() {
            return rows.length;
        }

        static Hits sorted(int[] heapRows, float[] heapScores, int count) {
            // a heap of k entries is sorted by repeatedly moving its root (the worst) to the end
            int[] rows = Arrays.copyOf(heapRows, count);
            float[] scores = Arrays.copyOf(heapScores, count);
            for (int end = count - 1; end > 0; end--) {
                swap(rows, scores, 0, end);
                siftDown(rows, scores, end);
            }
            return new Hits(rows, scores);
        }
    }
}
