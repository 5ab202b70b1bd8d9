package io.flywheel.mlops.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A rollout as stored: the version moving to Production, its current step and what the next tick must do. */
@Entity
@Table(name = "rollout")
@DynamicUpdate
public class Rollout extends PanacheEntityBase {

    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String SUCCEEDED = "succeeded";
    public static final String ROLLED_BACK = "rolled-back";
    public static final String ABORTED = "aborted";
    static final String WEIGHTS = "weights";

    @Id
    public UUID id;
    public String model;
    public int version;
    @Column(name = "stable_version")
    public int stableVersion;
    public String strategy;
    /** {@code {"weights": [...]}}: the canary weights of the steps, ascending, the last 1 (an object, because
     * Hibernate Reactive binds JSON columns as objects). */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode steps;
    /** Index of the current step in {@link #steps}. */
    public int step;
    public double weight;
    public String status;
    public String reason;
    @Column(name = "started_by")
    public String startedBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "step_started_at")
    public OffsetDateTime stepStartedAt;
    @Column(name = "next_analysis_at")
    public OffsetDateTime nextAnalysisAt;
    /** Every pod's counters at the step's start: pod URL → {"stable": counters, "canary": counters}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode baseline;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    public boolean active() {
        return RUNNING.equals(status) || PAUSED.equals(status);
    }

    public int stepCount() {
        return weights().size();
    }

    public boolean lastStep() {
        return step >= stepCount() - 1;
    }

    public double weightOf(int index) {
        return weights().get(index).asDouble();
    }

    /** The weights of the steps, in order. */
    public List<Double> weightList() {
        return StreamSupport.stream(weights().spliterator(), false).map(JsonNode::asDouble).toList();
    }

    private JsonNode weights() {
        return steps.get(WEIGHTS);
    }
}
