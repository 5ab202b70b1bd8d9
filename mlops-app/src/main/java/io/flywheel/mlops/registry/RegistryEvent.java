package io.flywheel.mlops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One recorded change of the registry or of a deployment. Append-only (a database trigger refuses the rest). */
@Entity
@Table(name = "registry_event")
@Immutable
public class RegistryEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String model;
    public Integer version;
    public String action;
    public String actor;
    public String trigger;
    public String reason;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode details;
    public OffsetDateTime at;
}
