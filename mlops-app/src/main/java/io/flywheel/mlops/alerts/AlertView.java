package io.flywheel.mlops.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.flywheel.mlops.agent.ActionView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An alert as the API shows it: what was received, the agent's diagnosis and the actions it led to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(UUID id, @JsonProperty("received_at") OffsetDateTime receivedAt, String source, String name,
                        String status, String severity, String subject, String summary, String category,
                        @JsonProperty("severity_score") double severityScore, String diagnosis,
                        @JsonRawValue String payload, List<ActionView> actions) {

    static AlertView of(StoredAlert alert, List<ActionView> actions) {
        return new AlertView(alert.id, alert.receivedAt, alert.source, alert.name, alert.status, alert.severity,
                alert.subject, alert.summary, alert.category, alert.severityScore, alert.diagnosis, alert.payload,
                actions);
    }
}
