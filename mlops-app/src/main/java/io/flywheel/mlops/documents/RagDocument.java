package io.flywheel.mlops.documents;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A document of the knowledge base as stored: its current UTF-8 text under its name. */
@Entity
@Table(name = "rag_document")
public class RagDocument extends PanacheEntityBase {

    @Id
    public String name;
    public byte[] content;
    public String sha256;
    @Column(name = "size_bytes")
    public int sizeBytes;
    @Column(name = "uploaded_by")
    public String uploadedBy;
    @Column(name = "uploaded_at")
    public OffsetDateTime uploadedAt;
}
