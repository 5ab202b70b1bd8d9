package io.flywheel.mlops.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A snapshot's metadata as stored; immutable once inserted (its rows are in {@link DatasetContent}). */
@Entity
@Table(name = "dataset_snapshot")
public class DatasetSnapshot extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String source;
    @Column(name = "source_json")
    public String sourceJson;
    @Column(name = "schema_json")
    public String schemaJson;
    @Column(name = "row_count")
    public int rowCount;
    @Column(name = "feature_count")
    public int featureCount;
    @Column(name = "profile_json")
    public String profileJson;
    @Column(name = "content_bytes")
    public long contentBytes;
    @Column(name = "stored_bytes")
    public long storedBytes;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
