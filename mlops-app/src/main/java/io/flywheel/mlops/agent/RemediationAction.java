package io.flywheel.mlops.agent;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An action as stored: proposal, tier, decision, execution and outcome. Two approvers deciding at once cannot both win:
 * the {@link #version} makes the second commit fail.
 */
@Entity
@Table(name = "remediation_action")
public class RemediationAction extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "alert_id")
    public UUID alertId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    public String type;
    public String tier;
    public String status;
    public String target;
    /** JSON object. */
    public String parameters;
    public String reasoning;
    @Column(name = "predicted_impact")
    public String predictedImpact;
    @Column(name = "proposed_by")
    public String proposedBy;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
    @Column(name = "decision_note")
    public String decisionNote;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    /** JSON object. */
    @Column(name = "before_metrics")
    public String beforeMetrics;
    /** JSON object. */
    @Column(name = "after_metrics")
    public String afterMetrics;
    public String outcome;
    @Version
    public int version;

    public ActionType actionType() {
        return ActionType.of(type);
    }

    public ActionStatus actionStatus() {
        return ActionStatus.of(status);
    }
}
