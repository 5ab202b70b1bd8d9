package io.flywheel.mlops.golden;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flywheel.mlops.jobs.Job;
import io.flywheel.mlops.jobs.JobContext;
import io.flywheel.mlops.persistence.StoredJson;
import io.flywheel.shared.golden.ExpectedSpan;
import io.flywheel.shared.golden.GoldenItem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code golden}: grows the golden set from production answers (docs/golden-set.md) — those a user rated at least
 * {@code flywheel.golden.min-rating} through inference-app's {@code POST /v1/feedback} and a reviewer approved, not
 * refused, and not in the set yet. Question and answer come pseudonymised from {@code inference.interaction}; the
 * expected spans are the document offsets of the passages the answer cites ({@code [n]}), or of all its passages when
 * it cites none. Idempotent and resumable: each addition commits on its own, and the next run reads only what is left.
 */
@ApplicationScoped
public class GoldenJob implements Job {

    public static final String NAME = "golden";
    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,3})]");
    private static final TypeReference<List<Map<String, Object>>> SOURCES = new TypeReference<>() {
    };
    private static final String CANDIDATES = "SELECT i.answer_id, i.question, i.answer, CAST(i.sources AS text) "
            + "FROM inference.interaction i "
            + "JOIN inference.feedback f ON f.answer_id = i.answer_id "
            + "JOIN mlops.answer_review r ON r.answer_id = i.answer_id "
            + "WHERE r.approved AND f.rating >= ?1 AND NOT i.refused "
            + "AND NOT EXISTS (SELECT 1 FROM mlops.golden_item g WHERE g.answer_id = i.answer_id) "
            + "ORDER BY i.created_at LIMIT ?2";

    private final GoldenSettings settings;
    private final GoldenSet golden;

    public GoldenJob(GoldenSettings settings, GoldenSet golden) {
        this.settings = settings;
        this.golden = golden;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "adds highly rated, reviewer-approved assistant answers to the golden set";
    }

    @Override
    public Map<String, Object> run(JobContext context) {
        List<Object[]> rows = context.await(this::candidates);
        int added = 0;
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (Object[] row : rows) {
            UUID answerId = (UUID) row[0];
            List<ExpectedSpan> spans = spans((String) row[2], (String) row[3]);
            if (spans.isEmpty()) {
                skipped.add(Map.of("answer_id", answerId.toString(), "reason", "the answer has no source passages"));
                continue;
            }
            GoldenItem item = new GoldenItem((String) row[1], (String) row[2], spans, GoldenItem.FEEDBACK);
            int fresh = context.await(() -> Panache.withTransaction(() -> golden.addAnswer(item, answerId)));
            if (fresh == 0) {
                skipped.add(Map.of("answer_id", answerId.toString(), "reason", "its question is in the set already"));
            }
            added += fresh;
            context.progress(Map.of("read", rows.indexOf(row) + 1, "added", added));
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("read", rows.size());
        outputs.put("added", added);
        outputs.put("skipped", skipped);
        return outputs;
    }

    /** Reviewed, highly rated answers not yet in the set; none when inference-app's tables are not in this database. */
    private Uni<List<Object[]>> candidates() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(AnswerReviewResource.INTERACTIONS_EXIST, Boolean.class).getSingleResult()
                .chain(exists -> !exists ? Uni.createFrom().item(List.<Object[]>of())
                        : session.createNativeQuery(CANDIDATES, Object[].class)
                                .setParameter(1, settings.minRating()).setParameter(2, settings.growthLimit())
                                .getResultList())));
    }

    /** The spans of the passages the answer cites, or of all of them when it cites none. */
    static List<ExpectedSpan> spans(String answer, String sourcesJson) {
        List<Map<String, Object>> sources = StoredJson.read(sourcesJson, SOURCES);
        List<Map<String, Object>> cited = new ArrayList<>();
        Matcher citation = CITATION.matcher(answer);
        while (citation.find()) {
            int n = Integer.parseInt(citation.group(1));
            if (n >= 1 && n <= sources.size() && !cited.contains(sources.get(n - 1))) {
                cited.add(sources.get(n - 1));
            }
        }
        List<ExpectedSpan> spans = new ArrayList<>();
        for (Map<String, Object> source : cited.isEmpty() ? sources : cited) {
            int start = ((Number) source.get("start")).intValue();
            int end = ((Number) source.get("end")).intValue();
            if (source.get("document") instanceof String document && end > start) {
                spans.add(new ExpectedSpan(document, start, end));
            }
        }
        return spans;
    }
}
