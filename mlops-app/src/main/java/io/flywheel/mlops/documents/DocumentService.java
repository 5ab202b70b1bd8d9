package io.flywheel.mlops.documents;

import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.retrieval.DocumentValidator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The knowledge base: documents checked at the door ({@link DocumentChecks}) and stored by name in
 * {@code mlops.rag_document}; every change is audited in the same transaction.
 */
@ApplicationScoped
public class DocumentService {

    private final DocumentChecks checks;
    private final AuditLog audit;

    public DocumentService(DocumentChecks checks, AuditLog audit) {
        this.checks = checks;
        this.audit = audit;
    }

    /** The outcome of a {@code PUT}: the document, and whether it is new, replaced or unchanged. */
    public record Stored(DocumentView document, Change change) {
    }

    /** What a {@code PUT} did. */
    public enum Change { CREATED, REPLACED, UNCHANGED }

    /**
     * Checks and stores a document under its name (replacing an earlier text). The stored text is the decoded one
     * (a BOM dropped), so its sha256 is that of the bytes an index is built from.
     */
    @WithTransaction
    public Uni<Stored> put(String name, byte[] bytes, String actor) {
        String nameProblem = DocumentChecks.nameProblem(name);
        if (nameProblem != null) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.INVALID_REQUEST, nameProblem,
                    List.of(new Problem.FieldError("name", nameProblem))));
        }
        return hashes().chain(hashes -> {
            DocumentValidator.Verdict verdict = checks.check(name, bytes, hashes);
            if (!verdict.accepted()) {
                return Uni.createFrom().failure(refused(verdict));
            }
            byte[] text = verdict.text().getBytes(StandardCharsets.UTF_8);
            String sha256 = Sha256.hex(text);
            return RagDocument.<RagDocument>findById(name).chain(existing -> {
                if (existing != null && existing.sha256.trim().equals(sha256)) {
                    return Uni.createFrom().item(new Stored(DocumentView.of(existing), Change.UNCHANGED));
                }
                RagDocument document = existing == null ? new RagDocument() : existing;
                document.name = name;
                document.content = text;
                document.sha256 = sha256;
                document.sizeBytes = text.length;
                document.uploadedBy = actor;
                document.uploadedAt = OffsetDateTime.now(ZoneOffset.UTC);
                Change change = existing == null ? Change.CREATED : Change.REPLACED;
                return document.<RagDocument>persist()
                        .call(() -> audit.append(new AuditRecord(actor, "api", "document." + change.name()
                                .toLowerCase(Locale.ROOT), "document:" + name, null, null, "stored",
                                Map.of("sha256", sha256, "size_bytes", text.length))))
                        .map(stored -> new Stored(DocumentView.of(stored), change));
            });
        });
    }

    /** Every document, by name, without content. */
    @WithSession
    public Uni<List<DocumentView>> list() {
        return RagDocument.<RagDocument>listAll(Sort.by("name"))
                .map(documents -> documents.stream().map(DocumentView::of).toList());
    }

    /** The text of a document; 404 when there is none by that name. */
    @WithSession
    public Uni<byte[]> content(String name) {
        return RagDocument.<RagDocument>findById(name).map(document -> {
            if (document == null) {
                throw notFound(name);
            }
            return document.content;
        });
    }

    /** Every document with its content, for the reindex job. */
    @WithSession
    public Uni<List<RagDocument>> all() {
        return RagDocument.listAll(Sort.by("name"));
    }

    /** Removes a document; the next reindex leaves it out. 404 when there is none by that name. */
    @WithTransaction
    public Uni<Void> delete(String name, String actor) {
        return RagDocument.<RagDocument>findById(name).chain(document -> {
            if (document == null) {
                return Uni.createFrom().failure(notFound(name));
            }
            return document.delete().call(() -> audit.append(new AuditRecord(actor, "api", "document.delete",
                    "document:" + name, null, null, "deleted", Map.of("sha256", document.sha256.trim()))));
        });
    }

    /** Whether the knowledge base holds no document. */
    @WithSession
    public Uni<Boolean> isEmpty() {
        return RagDocument.count().map(count -> count == 0);
    }

    private Uni<Map<String, String>> hashes() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select d.sha256, d.name from RagDocument d", Object[].class).getResultList()).map(rows -> {
                    Map<String, String> hashes = new HashMap<>();
                    rows.forEach(row -> hashes.put(((String) row[0]).trim(), (String) row[1]));
                    return hashes;
                });
    }

    private static ProblemException refused(DocumentValidator.Verdict verdict) {
        List<Problem.FieldError> errors = verdict.problems().stream()
                .map(problem -> new Problem.FieldError("body", problem)).toList();
        return new ProblemException(ProblemType.INVALID_REQUEST, "document '" + verdict.name() + "' "
                + String.join("; ", verdict.problems()), errors);
    }

    private static ProblemException notFound(String name) {
        return new ProblemException(ProblemType.NOT_FOUND, "no document named '" + name + "'");
    }
}
