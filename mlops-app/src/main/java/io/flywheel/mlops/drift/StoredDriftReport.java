package io.flywheel.mlops.drift;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A drift report as stored: the figures lists filter on, and the whole report as JSON. Inserted, never changed. */
@Entity
@Table(name = "drift_report")
public class StoredDriftReport extends PanacheEntityBase {

    @Id
    public UUID id;
    public String model;
    @Column(name = "model_version")
    public int modelVersion;
    @Column(name = "run_id")
    public UUID runId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "window_from")
    public OffsetDateTime windowFrom;
    @Column(name = "window_to")
    public OffsetDateTime windowTo;
    @Column(name = "live_rows")
    public long liveRows;
    public String verdict;
    @Column(name = "max_psi")
    public Double maxPsi;
    public String report;
}
