package io.flywheel.mlops.registry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A named pointer to one version of a model, e.g. {@code champion}. */
@Entity
@Table(name = "model_alias")
@IdClass(ModelAlias.Key.class)
public class ModelAlias extends PanacheEntityBase {

    @Id
    public String model;
    @Id
    public String alias;
    public int version;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The identity of an alias: its model and its name. */
    public static class Key implements Serializable {

        public String model;
        public String alias;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(model, key.model) && Objects.equals(alias, key.alias);
        }

        @Override
        public int hashCode() {
            return Objects.hash(model, alias);
        }
    }
}
