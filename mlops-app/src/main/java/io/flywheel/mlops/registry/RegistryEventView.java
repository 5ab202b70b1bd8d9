package io.flywheel.mlops.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One entry of a model's history as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryEventView(long id, String model, Integer version, String action, String actor, String trigger,
                                String reason, JsonNode details, OffsetDateTime at) {

    static RegistryEventView of(RegistryEvent event) {
        return new RegistryEventView(event.id, event.model, event.version, event.action, event.actor, event.trigger,
                event.reason, event.details, event.at);
    }
}
