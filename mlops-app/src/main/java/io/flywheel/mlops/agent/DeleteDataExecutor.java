package io.flywheel.mlops.agent;

import io.flywheel.mlops.alerts.StoredAlert;
import io.flywheel.shared.problem.Problem.FieldError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Deletes stored data, human-only. The scope built here is {@value #ALERT_PAYLOADS}: the raw payloads of alerts
 * received before a time (labels and annotations may carry personal data), keeping each alert's diagnosis and its audit
 * trail. Datasets join as a scope when the data capability lands.
 */
@ApplicationScoped
public class DeleteDataExecutor implements ActionExecutor {

    static final String ALERT_PAYLOADS = "alert-payloads";

    @Override
    public ActionType type() {
        return ActionType.DELETE_DATA;
    }

    @Override
    public List<FieldError> validate(String target, Map<String, Object> parameters) {
        if (!ALERT_PAYLOADS.equals(String.valueOf(parameters.get("scope")))) {
            return List.of(new FieldError("parameters.scope", "must be '" + ALERT_PAYLOADS + "'"));
        }
        return before(parameters) == null
                ? List.of(new FieldError("parameters.before", "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z"))
                : List.of();
    }

    @Override
    public ExecutionResult execute(ActionRequest request) throws Exception {
        List<FieldError> invalid = validate(request.target(), request.parameters());
        if (!invalid.isEmpty()) {
            return ExecutionResult.failed("invalid parameters: " + invalid);
        }
        OffsetDateTime before = before(request.parameters());
        long stored = onVertx(() -> Panache.withSession(() -> StoredAlert.count(
                "receivedAt < ?1 and payload is not null", before)));
        int deleted = onVertx(() -> Panache.withTransaction(() -> StoredAlert.update(
                "payload = null, payloadDeletedAt = ?1 where receivedAt < ?2 and payload is not null",
                OffsetDateTime.now(ZoneOffset.UTC), before)));
        return ExecutionResult.succeeded("deleted the payloads of " + deleted + " alert(s) received before " + before,
                Map.of("alert_payloads_before", stored), Map.of("alert_payloads_deleted", deleted));
    }

    private static <T> T onVertx(Supplier<Uni<T>> step) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(step);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime before(Map<String, Object> parameters) {
        Object value = parameters.get("before");
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
