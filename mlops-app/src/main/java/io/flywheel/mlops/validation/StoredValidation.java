package io.flywheel.mlops.validation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One run of a suite on a snapshot, with its report; never updated. */
@Entity
@Table(name = "validation_result")
public class StoredValidation extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "snapshot_id")
    public String snapshotId;
    @Column(name = "suite_name")
    public String suiteName;
    @Column(name = "suite_version")
    public int suiteVersion;
    public boolean passed;
    public int failures;
    @Column(name = "report_json")
    public String reportJson;
    public String trigger;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
