package io.flywheel.mlops.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one place every change of the registry and of the deployments is recorded: the model's history
 * ({@code registry_event}), the log, and the platform's audit log. Call it inside the transaction of the change, so
 * that a change and its record commit together or not at all.
 */
@ApplicationScoped
public class RegistryJournal {

    private static final Logger LOG = Logger.getLogger(RegistryJournal.class);

    private final ObjectMapper json;

    public RegistryJournal(ObjectMapper json) {
        this.json = json;
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
        return event.persist().replaceWithVoid();
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
