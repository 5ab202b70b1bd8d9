package io.flywheel.inference.predictions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.flywheel.inference.StorableText;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.drift.ReferenceStatistics;
import io.flywheel.shared.inference.TensorBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Writes every scored row to {@code inference.prediction} in the background, a batch per statement. The request path
 * only reserves room in a bounded buffer (counted in rows) and enqueues the rows' columns, lock-free; when the buffer is
 * full the request's rows are dropped and counted ({@code flywheel_prediction_log_dropped_total}) and the request goes on. A
 * batch the database refuses is dropped and counted too, so an outage cannot grow memory. A graceful shutdown writes
 * what is buffered before the app stops: every prediction a client received an id for is then in the table. The
 * writer also bins each row on its version's training reference into {@link ServingMinutes} (off the request path).
 */
@ApplicationScoped
public class PredictionLog {

    private static final Logger LOG = Logger.getLogger(PredictionLog.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration SHUTDOWN_PAUSE = Duration.ofMillis(10);

    // one statement per batch: the columns travel as arrays and unnest() turns them into rows
    static final String INSERT = "INSERT INTO inference.prediction (prediction_id, created_at, model, model_version, "
            + "canary, request_id, features, probability, label, latency_ms, batch_rows, caller, trace_id) "
            + "SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int[], $5::bool[], $6::text[], "
            + "$7::text[]::jsonb[], $8::float8[], $9::text[], $10::float8[], $11::int[], $12::text[], $13::text[]) "
            + "ON CONFLICT (prediction_id) DO NOTHING";

    private final Pool pool;
    private final PredictionLogSettings settings;
    private final ServingMinutes minutes;
    private final Queue<Buffered> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger bufferedRows = new AtomicInteger();
    private final Map<UUID, String> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Counter dropped;
    private final Counter written;
    private volatile String lastFailure;

    public PredictionLog(Pool pool, PredictionLogSettings settings, MeterRegistry registry, ServingMinutes minutes) {
        this.pool = pool;
        this.settings = settings;
        this.minutes = minutes;
        this.dropped = Counter.builder("flywheel.prediction.log.dropped")
                .description("Predictions not logged: the buffer was full or the database refused the batch")
                .register(registry);
        this.written = Counter.builder("flywheel.prediction.log.written").description("Predictions written")
                .register(registry);
        Gauge.builder("flywheel.prediction.log.buffered", bufferedRows, AtomicInteger::get)
                .description("Predictions waiting to be written").register(registry);
    }

    /**
     * Buffers the rows of an answered request; never blocks. Returns false when they were dropped (buffer full). Only
     * what the table needs is kept, each row's features already as JSON: entries live until the next flush, and
     * small ones die young instead of burdening the garbage collector.
     */
    public boolean record(LoggedPredictions predictions) {
        int rows = predictions.size();
        int buffered;
        do {
            buffered = bufferedRows.get();
            if (buffered + rows > settings.capacity()) {
                dropped.increment(rows);
                return false;
            }
        } while (!bufferedRows.compareAndSet(buffered, buffered + rows));
        for (UUID id : predictions.ids()) {
            pending.put(id, predictions.model());
        }
        queue.add(Buffered.of(predictions));
        return true;
    }

    /**
     * The model of a prediction that was answered and is buffered but not yet written (feedback on it is accepted),
     * or {@code null}.
     */
    public String pendingModel(UUID predictionId) {
        return pending.get(predictionId);
    }

    /** Rows waiting to be written. */
    public int buffered() {
        return bufferedRows.get();
    }

    /** Rows written and dropped since start. */
    public long written() {
        return (long) written.count();
    }

    public long dropped() {
        return (long) dropped.count();
    }

    /** When and why the last write failed, if the one after it has not succeeded; else {@code null}. */
    public String lastFailure() {
        return lastFailure;
    }

    // a Vert.x timer rather than the scheduler, which does not go below one second
    void startFlushing(@Observes StartupEvent start, Vertx vertx) {
        vertx.setPeriodic(settings.flushInterval().toMillis(), id -> {
            if (flushing.compareAndSet(false, true)) {
                flush().subscribe().with(done -> flushing.set(false), failure -> flushing.set(false));
            }
        });
    }

    /** Writes what is buffered, batch after batch, until the buffer is empty. */
    Uni<Void> flush() {
        List<Buffered> batch = new ArrayList<>();
        int rows = 0;
        for (Buffered next = queue.poll(); next != null; next = queue.poll()) {
            batch.add(next);
            rows += next.size();
            if (rows >= settings.batchSize()) {
                break;
            }
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int count = rows;
        for (Buffered entry : batch) {
            minutes.bin(entry.model(), entry.version(), entry.at().toInstant(), entry.reference(), entry.columns(),
                    entry.probabilities());
        }
        return pool.preparedQuery(INSERT).execute(columns(batch, count))
                .onItem().invoke(() -> {
                    written.increment(count);
                    lastFailure = null;
                })
                .onFailure().invoke(failure -> {
                    dropped.increment(count);
                    lastFailure = Instant.now() + ": " + failure.getMessage();
                    LOG.warnf("dropped %d predictions: %s", count, failure.getMessage());
                })
                .onFailure().recoverWithNull()
                .eventually(() -> {
                    batch.forEach(entry -> pending.keySet().removeAll(List.of(entry.ids())));
                    bufferedRows.addAndGet(-count);
                })
                .chain(() -> queue.isEmpty() ? Uni.createFrom().voidItem() : flush());
    }

    /** The buffer is written out before the app stops (the HTTP server has stopped taking requests by then). */
    void flushOnShutdown(@Observes ShutdownEvent shutdown) {
        Instant deadline = Instant.now().plus(settings.shutdownTimeout());
        while (!queue.isEmpty() || flushing.get()) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative()) {
                LOG.warnf("shutdown: %d predictions could not be written in %s", bufferedRows.get(),
                        settings.shutdownTimeout());
                return;
            }
            if (flushing.compareAndSet(false, true)) {
                try {
                    flush().await().atMost(left);
                } catch (RuntimeException e) {
                    LOG.warnf("shutdown: writing the prediction log failed: %s", e.getMessage());
                } finally {
                    flushing.set(false);
                }
            } else {
                pause();
            }
        }
        LOG.debugf("shutdown: prediction log written (%.0f rows in all)", written.count());
    }

    private static Tuple columns(List<Buffered> batch, int rows) {
        UUID[] ids = new UUID[rows];
        OffsetDateTime[] at = new OffsetDateTime[rows];
        String[] models = new String[rows];
        Integer[] versions = new Integer[rows];
        Boolean[] canary = new Boolean[rows];
        String[] requestIds = new String[rows];
        String[] features = new String[rows];
        Double[] probabilities = new Double[rows];
        String[] labels = new String[rows];
        Double[] latencies = new Double[rows];
        Integer[] batchRows = new Integer[rows];
        String[] callers = new String[rows];
        String[] traces = new String[rows];
        int i = 0;
        for (Buffered entry : batch) {
            for (int row = 0; row < entry.size(); row++, i++) {
                ids[i] = entry.ids()[row];
                at[i] = entry.at();
                models[i] = entry.model();
                versions[i] = entry.version();
                canary[i] = entry.canary();
                requestIds[i] = StorableText.of(entry.requestId());
                features[i] = entry.features()[row];
                probabilities[i] = entry.probabilities()[row];
                labels[i] = entry.labels()[row];
                latencies[i] = entry.latencyMillis();
                batchRows[i] = entry.size();
                callers[i] = entry.caller();
                traces[i] = entry.traceId();
            }
        }
        return Tuple.tuple().addArrayOfUUID(ids).addArrayOfOffsetDateTime(at).addArrayOfString(models)
                .addArrayOfInteger(versions).addArrayOfBoolean(canary).addArrayOfString(requestIds)
                .addArrayOfString(features).addArrayOfDouble(probabilities).addArrayOfString(labels)
                .addArrayOfDouble(latencies).addArrayOfInteger(batchRows).addArrayOfString(callers)
                .addArrayOfString(traces);
    }

    /** One row's features as a JSON object in schema order: numbers, strings, null when missing. */
    static String featuresJson(FeatureSchema schema, TensorBatch rows, int row) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            List<Feature> features = schema.features();
            for (int f = 0; f < features.size(); f++) {
                json.writeFieldName(features.get(f).name());
                Object value = rows.value(f, row);
                if (value instanceof Double number) {
                    json.writeNumber(number);
                } else if (value instanceof String text) {
                    json.writeString(StorableText.of(text));
                } else {
                    json.writeNull();
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a prediction's features could not be written as JSON", e);
        }
        return out.toString();
    }

    /**
     * What waits in the buffer for one request: the columns of its rows, and the request's own value arrays with the
     * reference to bin them on.
     */
    private record Buffered(UUID[] ids, OffsetDateTime at, String model, int version, boolean canary,
                            String requestId, String[] features, double[] probabilities, String[] labels,
                            double latencyMillis, String caller, String traceId, ReferenceStatistics reference,
                            Object[] columns) {

        static Buffered of(LoggedPredictions predictions) {
            String[] features = new String[predictions.size()];
            for (int row = 0; row < features.length; row++) {
                features[row] = featuresJson(predictions.schema(), predictions.rows(), row);
            }
            return new Buffered(predictions.ids(), predictions.at().atOffset(ZoneOffset.UTC), predictions.model(),
                    predictions.version(), predictions.canary(), predictions.requestId(), features,
                    predictions.probabilities(), predictions.labels(), predictions.latencyMillis(),
                    predictions.caller(), predictions.traceId(), predictions.reference(),
                    predictions.rows().columns());
        }

        int size() {
            return ids.length;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(SHUTDOWN_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
