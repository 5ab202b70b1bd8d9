package io.flywheel.mlops.validation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** One version of a validation suite as stored; a change is a new row, never an update. */
@Entity
@Table(name = "validation_suite")
@IdClass(StoredSuite.Key.class)
public class StoredSuite extends PanacheEntityBase {

    @Id
    public String name;
    @Id
    public int version;
    @Column(name = "rules_json")
    public String rulesJson;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** The composite key (name, version). */
    public static class Key implements Serializable {

        public String name;
        public int version;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.name.equals(name) && key.version == version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, version);
        }
    }
}
