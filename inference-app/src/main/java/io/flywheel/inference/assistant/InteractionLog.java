package io.flywheel.inference.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.inference.StorableText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Writes answered requests (and their encrypted pseudonym mappings) to PostgreSQL in the background, in batches. The
 * request path only offers to a bounded queue: when it is full the entry is dropped and counted
 * ({@code flywheel_assistant_log_dropped_total}); it never waits. A failed batch is dropped and counted too, so a
 * database outage cannot grow memory.
 */
@ApplicationScoped
public class InteractionLog {

    private static final Logger LOG = Logger.getLogger(InteractionLog.class);

    static final String INSERT_INTERACTION = "INSERT INTO inference.interaction (answer_id, created_at, key_id, "
            + "assistant, config_version, index_name, index_version, route, provider, model, degraded, "
            + "degraded_reason, refused, groundedness, question, answer, sources, findings, prompt_tokens, "
            + "completion_tokens, latency_ms, trace_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
            + "$13, $14, $15, $16, $17::jsonb, $18::jsonb, $19, $20, $21, $22) ON CONFLICT (answer_id) DO NOTHING";
    static final String INSERT_VAULT = "INSERT INTO inference.pseudonym_vault (answer_id, key_id, iv, ciphertext) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT (answer_id) DO NOTHING";

    private final Pool pool;
    private final ObjectMapper json;
    private final AssistantSettings settings;
    private final BlockingQueue<Interaction> queue;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Counter dropped;
    private final Counter written;
    private Vertx vertx;
    private long timer;

    public InteractionLog(Pool pool, ObjectMapper json, AssistantSettings settings, MeterRegistry registry) {
        this.pool = pool;
        this.json = json;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.log().queueCapacity());
        this.dropped = Counter.builder("flywheel.assistant.log.dropped")
                .description("Interactions not logged because the queue was full or the database failed")
                .register(registry);
        this.written = Counter.builder("flywheel.assistant.log.written").description("Interactions written")
                .register(registry);
        Gauge.builder("flywheel.assistant.log.queued", queue, BlockingQueue::size)
                .description("Interactions waiting to be written").register(registry);
    }

    /** Offers an interaction for writing; never blocks. */
    public void record(Interaction interaction) {
        pending.add(interaction.answerId());
        if (!queue.offer(interaction)) {
            pending.remove(interaction.answerId());
            dropped.increment();
        }
    }

    /** Whether the answer was given but is not yet written (feedback on it is accepted meanwhile). */
    public boolean isPending(String answerId) {
        return pending.contains(answerId);
    }

    // a Vert.x timer rather than the scheduler, which does not go below one second
    void startFlushing(@Observes StartupEvent start, Vertx vertx) {
        this.vertx = vertx;
        timer = vertx.setPeriodic(settings.log().flushInterval().toMillis(), id -> {
            if (flushing.compareAndSet(false, true)) {
                flush().subscribe().with(done -> flushing.set(false), failure -> flushing.set(false));
            }
        });
    }

    /** A stopping pod writes what it answered last: feedback on those answers must still find them. */
    void flushOnShutdown(@Observes ShutdownEvent shutdown) {
        if (vertx != null) {
            vertx.cancelTimer(timer);
        }
        try {
            flush().await().atMost(settings.log().shutdownTimeout());
        } catch (RuntimeException e) {
            LOG.warnf("shutdown: %d interactions could not be written: %s", queue.size(), e.getMessage());
        }
    }

    /** Writes what is queued, batch after batch, until the queue is empty. */
    Uni<Void> flush() {
        List<Interaction> batch = new ArrayList<>(settings.log().batchSize());
        queue.drainTo(batch, settings.log().batchSize());
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return write(batch)
                .onItem().invoke(() -> written.increment(batch.size()))
                .onFailure().invoke(failure -> {
                    dropped.increment(batch.size());
                    LOG.warnf("dropped %d interactions: %s", batch.size(), failure.getMessage());
                })
                .onFailure().recoverWithNull()
                .eventually(() -> batch.forEach(interaction -> pending.remove(interaction.answerId())))
                .chain(() -> queue.isEmpty() ? Uni.createFrom().voidItem() : flush());
    }

    private Uni<Void> write(List<Interaction> batch) {
        List<Tuple> rows = new ArrayList<>(batch.size());
        List<Tuple> vault = new ArrayList<>();
        for (Interaction interaction : batch) {
            rows.add(row(interaction));
            if (interaction.pseudonyms() != null) {
                vault.add(Tuple.of(UUID.fromString(interaction.answerId()), interaction.pseudonyms().keyId(),
                        io.vertx.core.buffer.Buffer.buffer(interaction.pseudonyms().iv()),
                        io.vertx.core.buffer.Buffer.buffer(interaction.pseudonyms().ciphertext())));
            }
        }
        return pool.withTransaction(connection -> {
            Uni<?> interactions = connection.preparedQuery(INSERT_INTERACTION).executeBatch(rows);
            return vault.isEmpty() ? interactions.replaceWithVoid()
                    : interactions.chain(() -> connection.preparedQuery(INSERT_VAULT).executeBatch(vault))
                    .replaceWithVoid();
        });
    }

    private Tuple row(Interaction i) {
        var info = i.info();
        return Tuple.tuple().addValue(UUID.fromString(i.answerId()))
                .addValue(i.at().atOffset(ZoneOffset.UTC))
                .addValue(i.keyId())
                .addValue(i.assistant())
                .addValue(info.configVersion())
                .addValue(info.index())
                .addValue(info.indexVersion())
                .addValue(info.route())
                .addValue(info.provider())
                .addValue(i.model())
                .addValue(info.degraded())
                .addValue(StorableText.of(info.degradedReason()))
                .addValue(info.refused())
                .addValue(info.groundedness())
                .addValue(StorableText.of(i.question()))
                .addValue(StorableText.of(i.answer()))
                .addValue(toJson(info.sources()))
                .addValue(toJson(info.findings()))
                .addValue(i.promptTokens())
                .addValue(i.completionTokens())
                .addValue(i.latencyMillis())
                .addValue(i.traceId());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a log entry could not be written as JSON", e);
        }
    }
}
