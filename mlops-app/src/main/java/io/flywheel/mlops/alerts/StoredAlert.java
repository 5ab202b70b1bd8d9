package io.flywheel.mlops.alerts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An alert as received and diagnosed; its raw payload may later be purged by a delete-data action. */
@Entity
@Table(name = "alert")
public class StoredAlert extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
    public String source;
    public String name;
    public String status;
    public String severity;
    public String subject;
    public String summary;
    public String fingerprint;
    public String category;
    @Column(name = "severity_score")
    public double severityScore;
    public String diagnosis;
    /** The alert's details as JSON; {@code null} once purged. */
    public String payload;
    @Column(name = "payload_deleted_at")
    public OffsetDateTime payloadDeletedAt;
}
