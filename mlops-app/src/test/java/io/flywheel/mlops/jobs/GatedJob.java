package io.flywheel.mlops.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test-only job that reports progress, then waits until the test opens its gate: the test decides when a run ends,
 * so that "while it runs" is a state it can look at. With {@code fail=true} it saves a checkpoint and fails.
 */
@ApplicationScoped
public class GatedJob implements Job {

    static final String NAME = "test-gated";
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    private static volatile CountDownLatch gate = new CountDownLatch(1);

    /** Lets the waiting run (and every later one, until {@link #close()}) go on. */
    static void open() {
        gate.countDown();
    }

    /** Makes the next runs wait again. */
    static void close() {
        gate = new CountDownLatch(1);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "waits for the test to open its gate";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("label", "echoed in the outputs", "fail", "true to fail after a checkpoint");
    }

    @Override
    public Map<String, Object> run(JobContext context) throws InterruptedException {
        context.progress(Map.of("step", "waiting", "rows", 42));
        if (!gate.await(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
        }
        if ("true".equals(context.parameters().get("fail"))) {
            context.checkpoint(Map.of("at", "halfway"));
            throw new IllegalStateException("failed on purpose after its checkpoint");
        }
        context.progress("step", "done");
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("label", context.parameters().getOrDefault("label", "none"));
        outputs.put("resumed_from", context.resumeFrom().map(point -> point.path("at").asText()).orElse(null));
        outputs.put("triggered_by", context.trigger().actor());
        return outputs;
    }
}
