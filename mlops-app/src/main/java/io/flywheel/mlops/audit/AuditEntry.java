package io.flywheel.mlops.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One entry of the audit log as stored; written once by {@link AuditLog}, never updated (the table refuses it). */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public long seq;
    public OffsetDateTime at;
    public String actor;
    public String trigger;
    public String action;
    public String target;
    public String reasoning;
    public String approver;
    public String outcome;
    /** The canonical JSON that was hashed, byte for byte. */
    public String details;
    @Column(name = "prev_hash")
    public String prevHash;
    public String hash;
}
