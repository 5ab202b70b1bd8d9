package io.flywheel.inference.predictions;

import io.flywheel.shared.drift.DriftAccumulator;
import io.flywheel.shared.drift.LatencyHistogram;
import io.flywheel.shared.drift.ReferenceStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jboss.logging.Logger;

/**
 * Counts what this pod serves per model version and minute — requests, errors, a latency histogram and the logged
 * rows binned on the version's training reference — and adds the counts to {@code inference.serving_minute} every
 * {@code flywheel.serving-minutes.flush-interval} and at shutdown (an upsert that sums element-wise), so that
 * mlops-app measures drift and error rates by summing minutes instead of re-reading every prediction. Requests are
 * counted on the request path with atomics only; rows are binned by the prediction log's writer, off the request path.
 * Memory is one slot per served version and minute since the last write; a write the database refuses is dropped and
 * counted ({@code flywheel_serving_minutes_dropped_total}), like the log.
 */
@ApplicationScoped
public class ServingMinutes {

    private static final Logger LOG = Logger.getLogger(ServingMinutes.class);
    private static final long NANOS_PER_MILLI = 1_000_000;

    static final String UPSERT = "INSERT INTO inference.serving_minute AS m (model, model_version, minute, pod, "
            + "requests, errors, scored_rows, latency_encoding, latency_buckets, drift_encoding, drift_counts) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
            + "ON CONFLICT (model, model_version, minute, pod) DO UPDATE SET "
            + "requests = m.requests + EXCLUDED.requests, "
            + "errors = m.errors + EXCLUDED.errors, scored_rows = m.scored_rows + EXCLUDED.scored_rows, "
            + "latency_buckets = inference.add_counts(m.latency_buckets, EXCLUDED.latency_buckets), "
            + "drift_encoding = coalesce(m.drift_encoding, EXCLUDED.drift_encoding), "
            + "drift_counts = inference.add_counts(m.drift_counts, EXCLUDED.drift_counts)";

    private final Pool pool;
    private final ServingMinutesSettings settings;
    private final String pod;
    private final Map<Key, Slot> open = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Counter dropped;
    private final Counter binningFailed;
    private volatile String lastFailure;
    private Vertx vertx;
    private long timer;

    public ServingMinutes(Pool pool, ServingMinutesSettings settings, MeterRegistry registry) {
        this.pool = pool;
        this.settings = settings;
        this.pod = settings.pod().or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
                .filter(name -> !name.isBlank())
                .orElseGet(() -> "process-" + UUID.randomUUID().toString().substring(0, 8));
        this.dropped = Counter.builder("flywheel.serving.minutes.dropped")
                .description("Minute rows whose counts were lost: the database refused their write")
                .register(registry);
        this.binningFailed = Counter.builder("flywheel.serving.minutes.unbinned")
                .description("Logged rows whose values did not fit their version's reference, so not binned")
                .register(registry);
    }

    /** This pod's name in the rows. */
    public String pod() {
        return pod;
    }

    /** When and why the last write failed, if the one after it has not succeeded; else {@code null}. */
    public String lastFailure() {
        return lastFailure;
    }

    /** A request answered by the version: its latency and rows. Request path: atomics only. */
    public void answered(String model, int version, long nanos, int rows) {
        Slot slot = slot(model, version, Instant.now());
        slot.requests.incrementAndGet();
        slot.rows.addAndGet(rows);
        slot.latency.incrementAndGet(LatencyHistogram.bucketOf((double) nanos / NANOS_PER_MILLI));
    }

    /** A request routed to the version and refused or failed in its scoring. Request path: atomics only. */
    public void failed(String model, int version) {
        Slot slot = slot(model, version, Instant.now());
        slot.requests.incrementAndGet();
        slot.errors.incrementAndGet();
    }

    /**
     * Bins logged rows (columns in reference order, see {@link DriftAccumulator#addColumns}) into their minute; called
     * by the prediction log's writer. A version without a reference has no drift counts.
     */
    void bin(String model, int version, Instant at, ReferenceStatistics reference, Object[] columns,
             double[] probabilities) {
        if (reference == null) {
            return;
        }
        while (true) {
            Slot slot = slot(model, version, at);
            synchronized (slot) {
                if (!slot.retired) {
                    if (slot.drift == null) {
                        slot.drift = new DriftAccumulator(reference);
                    }
                    try {
                        slot.drift.addColumns(columns, probabilities);
                    } catch (IllegalArgumentException mismatch) {
                        binningFailed.increment(probabilities.length);
                        LOG.warnf("%s v%d: rows not binned for drift: %s", model, version, mismatch.getMessage());
                    }
                    return;
                }
            }
        }
    }

    void startFlushing(@Observes StartupEvent start, Vertx vertx) {
        this.vertx = vertx;
        timer = vertx.setPeriodic(settings.flushInterval().toMillis(), id -> {
            if (flushing.compareAndSet(false, true)) {
                flush().subscribe().with(done -> flushing.set(false), failure -> flushing.set(false));
            }
        });
    }

    /** After the prediction log's own shutdown flush (which bins its last rows): the last counts are written. */
    void flushOnShutdown(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) ShutdownEvent shutdown) {
        if (vertx != null) {
            vertx.cancelTimer(timer);
        }
        try {
            flush().await().atMost(settings.shutdownTimeout());
        } catch (RuntimeException e) {
            LOG.warnf("shutdown: the serving minutes could not be written: %s", e.getMessage());
        }
    }

    /** Adds what was counted since the last write to the minute rows. */
    Uni<Void> flush() {
        long currentMinute = minuteOf(Instant.now());
        List<Tuple> rows = new ArrayList<>();
        for (Map.Entry<Key, Slot> entry : open.entrySet()) {
            Key key = entry.getKey();
            // a slot is retired once its minute is over by a whole minute: no request can still be counting into it
            boolean retire = key.minute() < currentMinute - 1;
            if (retire) {
                open.remove(key);
            }
            Counts counts = entry.getValue().drain(retire);
            if (counts != null) {
                rows.add(row(key, counts));
            }
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(UPSERT).executeBatch(rows)
                .onItem().invoke(() -> lastFailure = null)
                .onFailure().invoke(failure -> {
                    dropped.increment(rows.size());
                    lastFailure = Instant.now() + ": " + failure.getMessage();
                    LOG.warnf("dropped the counts of %d serving minutes: %s", rows.size(), failure.getMessage());
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Slot slot(String model, int version, Instant at) {
        return open.computeIfAbsent(new Key(model, version, minuteOf(at)), key -> new Slot());
    }

    private static long minuteOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }

    private Tuple row(Key key, Counts counts) {
        boolean binned = counts.drift() != null;
        return Tuple.tuple().addString(key.model()).addInteger(key.version())
                .addOffsetDateTime(OffsetDateTime.ofInstant(Instant.ofEpochSecond(key.minute() * 60), ZoneOffset.UTC))
                .addString(pod).addLong(counts.requests()).addLong(counts.errors()).addLong(counts.rows())
                .addShort((short) LatencyHistogram.ENCODING).addArrayOfLong(boxed(counts.latency()))
                .addShort(binned ? (short) DriftAccumulator.COUNTS_ENCODING : null)
                .addArrayOfLong(binned ? boxed(counts.drift()) : null);
    }

    private static Long[] boxed(long[] counts) {
        Long[] boxed = new Long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            boxed[i] = counts[i];
        }
        return boxed;
    }

    private record Key(String model, int version, long minute) {
    }

    /** What one slot counted between two writes; {@code drift} null when no row was binned. */
    private record Counts(long requests, long errors, long rows, long[] latency, long[] drift) {
    }

    /** The counts of one version and minute since the last write. */
    private static final class Slot {
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong rows = new AtomicLong();
        private final AtomicLongArray latency = new AtomicLongArray(LatencyHistogram.BUCKETS);
        private DriftAccumulator drift; // guarded by this
        private boolean retired; // guarded by this

        /** Takes the counts, leaving zeros; null when there were none. */
        Counts drain(boolean retire) {
            long[] binned;
            synchronized (this) {
                retired = retire;
                binned = drift == null || drift.rows() == 0 ? null : drift.counts();
                drift = null;
            }
            long[] buckets = new long[LatencyHistogram.BUCKETS];
            for (int b = 0; b < buckets.length; b++) {
                buckets[b] = latency.getAndSet(b, 0);
            }
            Counts counts = new Counts(requests.getAndSet(0), errors.getAndSet(0), rows.getAndSet(0), buckets, binned);
            return counts.requests() == 0 && binned == null ? null : counts;
        }
    }
}
