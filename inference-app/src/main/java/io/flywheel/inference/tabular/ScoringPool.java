package io.flywheel.inference.tabular;

import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads that parse and score large requests, off the event loops: a fixed number of them and a bounded queue.
 * When the queue is full a request is shed at once with 503 and {@code Retry-After}
 * ({@code flywheel_inference_shed_total}), so that overload shows as fast refusals rather than growing latency and
 * memory. Separate from Quarkus' worker pool, so that slow assistant calls never delay scoring, nor the reverse.
 */
@ApplicationScoped
public class ScoringPool {

    private final ThreadPoolExecutor executor;
    private final ServingSettings settings;
    private final Counter shed;

    public ScoringPool(ServingSettings settings, MeterRegistry registry) {
        this.settings = settings;
        int threads = settings.scoringThreads().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger created = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.maxQueued()), runnable -> {
                    Thread thread = new Thread(runnable, "flywheel-scoring-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.shed = Counter.builder("flywheel.inference.shed")
                .description("Requests refused with 503 because every scoring thread and queue slot was taken")
                .register(registry);
        Gauge.builder("flywheel.inference.queued", executor, pool -> pool.getQueue().size())
                .description("Requests waiting for a scoring thread").register(registry);
    }

    /** Runs the work on a scoring thread; fails with a 503 problem at once when none is free and the queue is full. */
    public <T> Uni<T> submit(Supplier<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            try {
                executor.execute(() -> {
                    try {
                        emitter.complete(work.get());
                    } catch (Throwable failure) {
                        emitter.fail(failure);
                    }
                });
            } catch (RejectedExecutionException full) {
                shed.increment();
                emitter.fail(new ProblemException(ProblemType.UNAVAILABLE, "this pod is scoring as much as it can; "
                        + "retry shortly").withRetryAfter(settings.shedRetryAfter()));
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
