package io.flywheel.mlops.deployment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The single row holding the revision of the published deployments. Every change locks it and takes the next
 * value, so changes commit in revision order and a poller can never see a newer revision before an older change.
 */
@Entity
@Table(name = "deployment_revision")
public class DeploymentRevision extends PanacheEntityBase {

    @Id
    public boolean singleton;
    public long revision;
}
