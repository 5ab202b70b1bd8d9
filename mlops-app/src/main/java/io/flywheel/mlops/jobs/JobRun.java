package io.flywheel.mlops.jobs;

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

/** One run of a job as stored. */
@Entity
@Table(name = "job_run")
@DynamicUpdate
public class JobRun extends PanacheEntityBase {

    @Id
    public UUID id;
    public String job;
    public String trigger;
    @Column(name = "triggered_by")
    public String triggeredBy;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> parameters;
    public String status;
    /** The process that owns the run: pid@host (the pod name on Kubernetes). */
    public String host;
    @Column(name = "queued_at")
    public OffsetDateTime queuedAt;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    @Column(name = "duration_ms")
    public Long durationMs;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode progress;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode checkpoint;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode outputs;
    public String error;

    public RunStatus status() {
        return RunStatus.parse(status);
    }
}
