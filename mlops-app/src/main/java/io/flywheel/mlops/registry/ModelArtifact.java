package io.flywheel.mlops.registry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The artifact bytes of one version, apart from its row so that listing versions never reads them. */
@Entity
@Table(name = "model_artifact")
public class ModelArtifact extends PanacheEntityBase {

    @Id
    @Column(name = "version_id")
    public UUID versionId;
    public byte[] bytes;
}
