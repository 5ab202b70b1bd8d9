package io.flywheel.mlops.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The rows of a snapshot: its canonical CSV, gzip-compressed. */
@Entity
@Table(name = "dataset_content")
public class DatasetContent extends PanacheEntityBase {

    @Id
    @Column(name = "snapshot_id")
    public String snapshotId;
    @Column(name = "csv_gzip")
    public byte[] csvGzip;
}
