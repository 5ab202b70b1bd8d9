package io.flywheel.shared.retrieval;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact top-k over MiniLM-sized vectors (384 dimensions): the FAQ index's size (391 passages at the default chunking)
 * and a 100k-passage index. The scan cost depends only on passages × dimensions, so random unit vectors stand for
 * real embeddings. Run: see docs/benchmarks.md, section "Retrieval and golden set".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VectorIndexBenchmark {

    private static final int DIMENSION = 384;

    @Param({"391", "100000"})
    int passages;

    @Param({"5"})
    int k;

    private VectorIndex index;
    private float[][] queries;
    private int next;

    @Setup
    public void build() {
        Random random = new Random(11);
        float[] rows = new float[passages * DIMENSION];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        index = VectorIndex.normalising(rows, DIMENSION);
        queries = new float[64][DIMENSION];
        for (float[] query : queries) {
            for (int i = 0; i < DIMENSION; i++) {
                query[i] = (float) random.nextGaussian();
            }
            VectorIndex.normalise(query, 0, DIMENSION);
        }
    }

    @Benchmark
    public VectorIndex.Hits topK() {
        next = (next + 1) & (queries.length - 1);
        return index.search(queries[next], k, -1f);
    }
}
