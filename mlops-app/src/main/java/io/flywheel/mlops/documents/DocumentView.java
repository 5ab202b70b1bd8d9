package io.flywheel.mlops.documents;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/** A document of the knowledge base, as listed (never its content). */
public record DocumentView(String name, String sha256, @JsonProperty("size_bytes") int sizeBytes,
                           @JsonProperty("uploaded_by") String uploadedBy,
                           @JsonProperty("uploaded_at") OffsetDateTime uploadedAt) {

    static DocumentView of(RagDocument document) {
        return new DocumentView(document.name, document.sha256.trim(), document.sizeBytes, document.uploadedBy,
                document.uploadedAt);
    }
}
