package io.flywheel.mlops.golden;

import io.flywheel.mlops.persistence.StoredJson;
import io.flywheel.shared.golden.FaqGoldenSet;
import io.flywheel.shared.golden.GoldenItem;
import io.flywheel.shared.hashing.Sha256;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The golden set in {@code mlops.golden_item}: seeded from the FAQ's question headings, grown from reviewed answers.
 * A question is kept once: the sha256 of its normalised text (trimmed, spaces collapsed, lower case) is unique, so
 * seeding twice or adding a question already asked changes nothing.
 */
@ApplicationScoped
public class GoldenSet {

    /** Every golden question, oldest first. */
    @WithSession
    public Uni<List<GoldenItem>> items() {
        return StoredGoldenItem.<StoredGoldenItem>listAll(Sort.by("id"))
                .map(rows -> rows.stream().map(StoredGoldenItem::item).toList());
    }

    /** How many golden questions there are. */
    @WithSession
    public Uni<Long> size() {
        return StoredGoldenItem.count();
    }

    /** Adds the questions of FAQ documents (name → text); returns how many were new. */
    @WithTransaction
    public Uni<Integer> seedFromFaq(Map<String, String> documents) {
        List<GoldenItem> items = new ArrayList<>();
        documents.forEach((name, text) -> items.addAll(FaqGoldenSet.parse(name, text)));
        return add(items, null);
    }

    /**
     * Adds a reviewed production answer, in the caller's transaction; returns 1 when it is new, 0 when its question
     * is in the set already.
     */
    public Uni<Integer> addAnswer(GoldenItem item, UUID answerId) {
        return add(List.of(item), answerId);
    }

    private Uni<Integer> add(List<GoldenItem> items, UUID answerId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select g.questionSha256 from StoredGoldenItem g", String.class).getResultList()).chain(known -> {
                    Set<String> seen = new HashSet<>();
                    known.forEach(hash -> seen.add(hash.trim()));
                    List<StoredGoldenItem> fresh = new ArrayList<>();
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    for (GoldenItem item : items) {
                        String hash = questionHash(item.question());
                        if (seen.add(hash)) {
                            fresh.add(row(item, hash, answerId, now));
                        }
                    }
                    return fresh.isEmpty() ? Uni.createFrom().item(0)
                            : StoredGoldenItem.persist(fresh).replaceWith(fresh.size());
                });
    }

    /** The sha256 of a question's normalised text: trimmed, runs of whitespace as one space, lower case. */
    static String questionHash(String question) {
        String normalised = question.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return Sha256.hex(normalised.getBytes(StandardCharsets.UTF_8));
    }

    private static StoredGoldenItem row(GoldenItem item, String hash, UUID answerId, OffsetDateTime now) {
        StoredGoldenItem row = new StoredGoldenItem();
        row.questionSha256 = hash;
        row.question = item.question();
        row.answer = item.answer();
        row.expected = StoredJson.write(item.expected(), StoredGoldenItem.SPANS);
        row.origin = item.origin();
        row.answerId = answerId;
        row.createdAt = now;
        return row;
    }
}
