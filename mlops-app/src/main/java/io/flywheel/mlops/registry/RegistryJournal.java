package io.flywheel.mlops.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one place every change of the registry and of the deployments is recorded: the model's history
 * ({@code registry_event}, what {@code GET /api/models/{name}/events} lists), the log, and the platform's hash-chained
 * audit log (target {@code model:<name>} or {@code model:<name>/<version>}). Call it inside the transaction of the
 * change, so that a change and its records commit together or not at all.
 */
@ApplicationScoped
public class RegistryJournal {

    private static final Logger LOG = Logger.getLogger(RegistryJournal.class);
    /** The outcome of a recorded change: refusals are answered, not recorded, so every recorded change happened. */
    private static final String SUCCEEDED = "succeeded";

    private final ObjectMapper json;
    private final AuditLog audit;

    public RegistryJournal(ObjectMapper json, AuditLog audit) {
        this.json = json;
        this.audit = audit;
    }

    /**
     * Records one change.
     *
     * @param action  what happened, e.g. {@code version.stage-changed}
     * @param details the facts of the change (from/to, sha256, ...); {@code null} values are left out
     */
    public Uni<Void> record(String model, Integer version, String action, Attribution by, Map<String, Object> details) {
        Map<String, Object> facts = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (value != null) {
                facts.put(key, value);
            }
        });
        RegistryEvent event = new RegistryEvent();
        event.model = model;
        event.version = version;
        event.action = action;
        event.actor = by.actor();
        event.trigger = by.trigger();
        event.reason = by.reason();
        event.details = json.valueToTree(facts);
        event.at = OffsetDateTime.now(ZoneOffset.UTC);
        LOG.infof("%s %s%s by %s (%s)%s: %s", action, model, version == null ? "" : " v" + version, by.actor(),
                by.trigger(), by.reason() == null ? "" : ", because " + by.reason(), facts);
        return event.persist().chain(() -> audit.append(new AuditRecord(by.actor(), by.trigger(), action,
                "model:" + model + (version == null ? "" : "/" + version), by.reason(), null, SUCCEEDED, facts)))
                .replaceWithVoid();
    }

    /** A details map that keeps its order and accepts {@code null}s (left out when recorded). */
    public static Map<String, Object> facts(Object... keysAndValues) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            facts.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return facts;
    }
}
