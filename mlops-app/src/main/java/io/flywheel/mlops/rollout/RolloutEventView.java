package io.flywheel.mlops.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One event of a rollout as the API shows it (steps, analyses with their measurements, actions, outcome). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutEventView(long id, OffsetDateTime at, String kind, int step, double weight, String verdict,
                               String actor, String summary, JsonNode details) {

    static RolloutEventView of(RolloutEvent event) {
        return new RolloutEventView(event.id, event.at, event.kind, event.step, event.weight, event.verdict,
                event.actor, event.summary, event.details);
    }
}
