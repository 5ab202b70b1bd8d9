package io.flywheel.inference.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Records sensitive actions taken in inference-app (re-personalising an answer) in {@code inference.audit_event},
 * append-only. The record is written before the action takes effect: if it cannot be written, the action does not
 * happen. Governance chains these entries into the platform's hash-chained audit log.
 */
@ApplicationScoped
public class AuditTrail {

    static final String INSERT = "INSERT INTO inference.audit_event (actor, action, subject, details) "
            + "VALUES ($1, $2, $3, $4::jsonb) RETURNING id";

    private final Pool pool;
    private final ObjectMapper json;

    public AuditTrail(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Appends one event; the Uni fails when it could not be written. */
    public Uni<Long> record(String actor, String action, String subject, Map<String, Object> details) {
        String detailsJson;
        try {
            detailsJson = json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return pool.preparedQuery(INSERT).execute(Tuple.of(actor, action, subject, detailsJson))
                .map(rows -> rows.iterator().next().getLong("id"));
    }
}
