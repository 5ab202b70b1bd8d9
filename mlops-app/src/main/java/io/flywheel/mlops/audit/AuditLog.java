package io.flywheel.mlops.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flywheel.mlops.audit.ChainVerification.BrokenEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The platform's append-only, hash-chained audit log. {@link #append} joins the caller's transaction, so that a change
 * and its entry commit or roll back together; appends are serialised by a transaction-scoped PostgreSQL advisory lock,
 * which keeps the chain linear across pods.
 */
@ApplicationScoped
public class AuditLog {

    /** Key of the advisory lock that serialises appends (any constant no other lock uses). */
    static final long CHAIN_LOCK = 0x4155_4449_545FL;
    static final String TAKE_CHAIN_LOCK = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + CHAIN_LOCK + ")) AS locked";
    static final int VERIFY_PAGE = 1000;

    private final ObjectMapper canonicalJson = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .build();

    /**
     * Appends one entry after the newest. Must run inside a Hibernate Reactive transaction ({@code @WithTransaction}):
     * the chain lock is held until that transaction ends.
     */
    public Uni<AuditEntry> append(AuditRecord record) {
        String details = canonical(record.details());
        return Panache.currentTransaction().chain(transaction -> {
            if (transaction == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "AuditLog.append must be called inside a transaction (@WithTransaction)"));
            }
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery(TAKE_CHAIN_LOCK).getSingleResult())
                    .chain(locked -> AuditEntry.<AuditEntry>find("order by seq desc").<AuditEntry>firstResult())
                    .chain(last -> next(last, record, details).<AuditEntry>persist());
        });
    }

    /** Entries newest first, optionally only those about one target, before a position (for paging). */
    @WithSession
    public Uni<List<AuditEntryView>> list(String target, Long beforeSeq, int limit) {
        long before = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
        var query = target == null
                ? AuditEntry.<AuditEntry>find("seq < ?1 order by seq desc", before)
                : AuditEntry.<AuditEntry>find("seq < ?1 and target = ?2 order by seq desc", before, target);
        return query.page(0, limit).<AuditEntry>list().map(entries -> entries.stream().map(AuditEntryView::of).toList());
    }

    /** Recomputes the chain from the first entry and names the first one that does not check out. */
    @WithSession
    public Uni<ChainVerification> verify() {
        return verifyFrom(0, ChainHash.GENESIS, 0);
    }

    private Uni<ChainVerification> verifyFrom(long afterSeq, String previousHash, long checked) {
        return AuditEntry.<AuditEntry>find("seq > ?1 order by seq", afterSeq).page(0, VERIFY_PAGE).<AuditEntry>list()
                .chain(page -> {
                    String expectedPrevious = previousHash;
                    long expectedSeq = afterSeq + 1;
                    long count = checked;
                    for (AuditEntry entry : page) {
                        String broken = check(entry, expectedSeq, expectedPrevious);
                        if (broken != null) {
                            return Uni.createFrom().item(new ChainVerification(false, count, expectedPrevious,
                                    new BrokenEntry(entry.seq, broken)));
                        }
                        expectedPrevious = entry.hash.trim();
                        expectedSeq++;
                        count++;
                    }
                    if (page.size() < VERIFY_PAGE) {
                        return Uni.createFrom().item(new ChainVerification(true, count,
                                count == 0 ? null : expectedPrevious, null));
                    }
                    return verifyFrom(expectedSeq - 1, expectedPrevious, count);
                });
    }

    private static String check(AuditEntry entry, long expectedSeq, String expectedPrevious) {
        if (entry.seq != expectedSeq) {
            return "entry " + expectedSeq + " is missing (the next one is " + entry.seq + ")";
        }
        if (!entry.prevHash.trim().equals(expectedPrevious)) {
            return "its previous hash is " + entry.prevHash.trim() + " but the entry before it hashes to "
                    + expectedPrevious;
        }
        String recomputed = ChainHash.of(entry);
        if (!recomputed.equals(entry.hash.trim())) {
            return "its content hashes to " + recomputed + ", not to its stored hash " + entry.hash.trim()
                    + ": a field was changed";
        }
        return null;
    }

    private static AuditEntry next(AuditEntry last, AuditRecord record, String details) {
        AuditEntry entry = new AuditEntry();
        entry.seq = last == null ? 1 : last.seq + 1;
        // PostgreSQL keeps microseconds: hash exactly what will be read back
        entry.at = Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        entry.actor = record.actor();
        entry.trigger = record.trigger();
        entry.action = record.action();
        entry.target = record.target();
        entry.reasoning = record.reasoning();
        entry.approver = record.approver();
        entry.outcome = record.outcome();
        entry.details = details;
        entry.prevHash = last == null ? ChainHash.GENESIS : last.hash.trim();
        entry.hash = ChainHash.of(entry);
        return entry;
    }

    private String canonical(Map<String, Object> details) {
        try {
            return canonicalJson.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }
}
