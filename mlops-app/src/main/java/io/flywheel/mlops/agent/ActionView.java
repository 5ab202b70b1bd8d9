package io.flywheel.mlops.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An action as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionView(UUID id, @JsonProperty("alert_id") UUID alertId, @JsonProperty("created_at") OffsetDateTime createdAt,
                         String type, String tier, String status, String target, @JsonRawValue String parameters,
                         String reasoning, @JsonProperty("predicted_impact") String predictedImpact,
                         @JsonProperty("proposed_by") String proposedBy, @JsonProperty("decided_by") String decidedBy,
                         @JsonProperty("decided_at") OffsetDateTime decidedAt,
                         @JsonProperty("decision_note") String decisionNote,
                         @JsonProperty("started_at") OffsetDateTime startedAt,
                         @JsonProperty("finished_at") OffsetDateTime finishedAt,
                         @JsonProperty("before_metrics") @JsonRawValue String beforeMetrics,
                         @JsonProperty("after_metrics") @JsonRawValue String afterMetrics, String outcome) {

    public static ActionView of(RemediationAction action) {
        return new ActionView(action.id, action.alertId, action.createdAt, action.type, action.tier, action.status,
                action.target, action.parameters, action.reasoning, action.predictedImpact, action.proposedBy,
                action.decidedBy, action.decidedAt, action.decisionNote, action.startedAt, action.finishedAt,
                action.beforeMetrics, action.afterMetrics, action.outcome);
    }
}
