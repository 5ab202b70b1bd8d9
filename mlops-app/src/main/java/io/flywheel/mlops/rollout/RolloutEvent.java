package io.flywheel.mlops.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One thing that happened in a rollout: a step taken, an analysis, a manual action, the outcome. */
@Entity
@Table(name = "rollout_event")
@Immutable
public class RolloutEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "rollout_id")
    public UUID rolloutId;
    public OffsetDateTime at;
    /** {@code started}, {@code step}, {@code analysis}, {@code paused}, {@code resumed}, {@code promoted}, ... */
    public String kind;
    public int step;
    public double weight;
    /** For analyses: pass, fail or inconclusive. */
    public String verdict;
    public String actor;
    public String summary;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode details;
}
