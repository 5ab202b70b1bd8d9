package io.flywheel.mlops.deployment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The serving state of one model as stored; a row without a stable version is a retired model, not served. */
@Entity
@Table(name = "deployment")
public class DeploymentState extends PanacheEntityBase {

    @Id
    public String model;
    @Column(name = "stable_version")
    public Integer stableVersion;
    @Column(name = "canary_version")
    public Integer canaryVersion;
    @Column(name = "canary_weight")
    public double canaryWeight;
    /** The deployments revision of this row's last change. */
    public long revision;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean served() {
        return stableVersion != null;
    }

    public boolean hasCanary() {
        return canaryVersion != null;
    }
}
