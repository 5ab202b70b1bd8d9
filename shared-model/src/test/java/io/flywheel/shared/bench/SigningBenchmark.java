package io.flywheel.shared.bench;

import io.flywheel.shared.signing.RequestSignatures;
import io.flywheel.shared.signing.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Checking the HMAC-SHA256 signature of an alert delivery (what {@code POST /api/alerts} does before anything else):
 * a 2 KB body (one Alertmanager alert) and a 64 KB one (a group near {@code max_alerts}), with a valid signature.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {

    @Param({"2048", "65536"})
    public int bodyBytes;

    private RequestSignatures signatures;
    private byte[] body;
    private String timestamp;
    private String signature;
    private Instant now;

    @Setup
    public void setUp() {
        signatures = new RequestSignatures(List.of("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"),
                Duration.ofMinutes(5));
        body = "{\"alerts\":[]}".repeat(bodyBytes / 13 + 1).substring(0, bodyBytes).getBytes(StandardCharsets.UTF_8);
        long seconds = 1_765_000_000L;
        timestamp = Long.toString(seconds);
        signature = signatures.sign(seconds, body);
        now = Instant.ofEpochSecond(seconds + 10);
    }

    @Benchmark
    public SignatureCheck checkValidSignature() {
        return signatures.check(timestamp, signature, body, now);
    }
}
