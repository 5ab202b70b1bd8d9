package io.flywheel.mlops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One version of a model as stored. Everything but {@link #stage} and {@link #evaluation} is fixed at registration
 * (a database trigger refuses any other change); the artifact bytes are in {@link ModelArtifact}.
 */
@Entity
@Table(name = "model_version")
@DynamicUpdate
public class ModelVersion extends PanacheEntityBase {

    @Id
    public UUID id;
    public String model;
    public int version;
    public String description;
    public String sha256;
    @Column(name = "size_bytes")
    public long sizeBytes;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Double> metrics;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> params;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode details;
    @Column(name = "dataset_sha256")
    public String datasetSha256;
    @Column(name = "code_version")
    public String codeVersion;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_through")
    public String createdThrough;
    @Column(name = "run_id")
    public UUID runId;
    @Column(name = "parent_version")
    public Integer parentVersion;
    @Column(name = "previous_version")
    public Integer previousVersion;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    public String stage;
    @Column(name = "stage_changed_at")
    public OffsetDateTime stageChangedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode evaluation;
    @Column(name = "evaluation_passed")
    public Boolean evaluationPassed;

    public Stage stage() {
        return Stage.parse(stage);
    }

    /** Whether the evaluation gates passed this version (the condition for Production and for a rollout). */
    public boolean passedEvaluation() {
        return Boolean.TRUE.equals(evaluationPassed);
    }
}
