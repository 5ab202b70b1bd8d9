package io.flywheel.mlops.registry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A registered model: its name and kind. Never deleted; its versions carry everything else. */
@Entity
@Table(name = "registered_model")
public class RegisteredModel extends PanacheEntityBase {

    @Id
    public String name;
    public String kind;
    public String description;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;
}
