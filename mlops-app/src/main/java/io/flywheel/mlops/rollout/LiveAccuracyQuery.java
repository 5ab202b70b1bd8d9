package io.flywheel.mlops.rollout;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Live accuracy of the canary and stable versions from inference-app's prediction log joined with its feedback (same
 * database, schema {@code inference}), over the predictions made since a step started. Where inference-app's tables do
 * not exist (mlops-app on its own), there is no feedback.
 */
@ApplicationScoped
public class LiveAccuracyQuery {

    private static final String EXISTS = "SELECT to_regclass('inference.feedback') IS NOT NULL";
    private static final String LABELLED = """
            SELECT p.model_version, count(*), count(*) FILTER (WHERE p.label = f.label)
            FROM inference.prediction p JOIN inference.feedback f ON f.prediction_id = p.prediction_id
            WHERE p.model = ?1 AND p.model_version IN (?2, ?3) AND p.created_at >= ?4 AND f.label IS NOT NULL
            GROUP BY p.model_version""";

    /** Labelled predictions of both versions since {@code from}. */
    public Uni<LiveAccuracy> since(String model, int stable, int canary, OffsetDateTime from) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(EXISTS, Boolean.class).getSingleResult()
                .chain(exists -> !exists ? Uni.createFrom().item(LiveAccuracy.NONE)
                        : session.createNativeQuery(LABELLED, Object[].class).setParameter(1, model)
                                .setParameter(2, stable).setParameter(3, canary).setParameter(4, from)
                                .getResultList().map(rows -> accuracy(rows, stable, canary)))));
    }

    private static LiveAccuracy accuracy(List<Object[]> rows, int stable, int canary) {
        long stableLabelled = 0;
        long stableCorrect = 0;
        long canaryLabelled = 0;
        long canaryCorrect = 0;
        for (Object[] row : rows) {
            int version = ((Number) row[0]).intValue();
            long labelled = ((Number) row[1]).longValue();
            long correct = ((Number) row[2]).longValue();
            if (version == canary) {
                canaryLabelled = labelled;
                canaryCorrect = correct;
            } else if (version == stable) {
                stableLabelled = labelled;
                stableCorrect = correct;
            }
        }
        return new LiveAccuracy(canaryLabelled, canaryCorrect, stableLabelled, stableCorrect);
    }
}
