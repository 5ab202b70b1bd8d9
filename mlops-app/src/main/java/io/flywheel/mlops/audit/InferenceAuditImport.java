package io.flywheel.mlops.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Chains the audit events inference-app writes ({@code inference.audit_event}: re-personalisations of answers, ...) into
 * the platform's hash-chained log, in id order, each once: the cursor in {@code mlops.audit_import} is locked and
 * advanced in the transaction that appends the entries, so pods never import an event twice and a crash imports it
 * again from where the last commit left. inference-app keeps its table append-only; the chain is what proves it.
 */
@ApplicationScoped
public class InferenceAuditImport {

    static final String SOURCE = "inference.audit_event";
    private static final Logger LOG = Logger.getLogger(InferenceAuditImport.class);
    private static final String EXISTS = "SELECT to_regclass('inference.audit_event') IS NOT NULL";
    private static final String LOCK_CURSOR = "SELECT last_id FROM mlops.audit_import WHERE source = ?1 FOR UPDATE";
    private static final String NEXT_EVENTS = "SELECT id, at, actor, action, subject, details::text FROM "
            + "inference.audit_event WHERE id > ?1 ORDER BY id LIMIT ?2";
    private static final String MOVE_CURSOR = "UPDATE mlops.audit_import SET last_id = ?1 WHERE source = ?2";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final AuditLog audit;
    private final AuditImportSettings settings;
    private final ObjectMapper json;

    public InferenceAuditImport(AuditLog audit, AuditImportSettings settings, ObjectMapper json) {
        this.audit = audit;
        this.settings = settings;
        this.json = json;
    }

    @Scheduled(every = "${flywheel.audit.import.interval:30s}", delayed = "${flywheel.audit.import.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return importNew().onFailure().invoke(failure -> LOG.warnf("inference audit events not chained yet: %s",
                failure.getMessage())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Chains the next batch of events; the number chained (0 when inference-app's table does not exist here). */
    public Uni<Integer> importNew() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(EXISTS, Boolean.class).getSingleResult()
                .chain(exists -> exists ? importWith(session) : Uni.createFrom().item(0))));
    }

    private Uni<Integer> importWith(Mutiny.Session session) {
        return session.createNativeQuery(LOCK_CURSOR, Long.class).setParameter(1, SOURCE).getSingleResult()
                .chain(last -> session.createNativeQuery(NEXT_EVENTS, Object[].class).setParameter(1, last)
                        .setParameter(2, settings.batch()).getResultList())
                .chain(rows -> chain(rows, 0).chain(() -> rows.isEmpty() ? Uni.createFrom().item(0)
                        : session.createNativeQuery(MOVE_CURSOR).setParameter(1, id(rows.get(rows.size() - 1)))
                                .setParameter(2, SOURCE).executeUpdate().replaceWith(rows.size())));
    }

    private Uni<Void> chain(List<Object[]> rows, int index) {
        if (index == rows.size()) {
            return Uni.createFrom().voidItem();
        }
        Object[] row = rows.get(index);
        Map<String, Object> details = new LinkedHashMap<>(read((String) row[5]));
        details.put("inference_event_id", id(row));
        details.put("at", row[1] instanceof OffsetDateTime at ? at.toString() : String.valueOf(row[1]));
        return audit.append(new AuditRecord((String) row[2], "inference-app", (String) row[3], (String) row[4], null,
                null, null, details)).chain(() -> chain(rows, index + 1));
    }

    private static long id(Object[] row) {
        return ((Number) row[0]).longValue();
    }

    private Map<String, Object> read(String details) {
        try {
            return details == null ? Map.of() : json.readValue(details, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            return Map.of("unreadable_details", details);
        }
    }
}
