package io.flywheel.inference.feedback;

import io.flywheel.inference.access.Caller;
import io.flywheel.inference.assistant.InteractionLog;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Stores feedback, idempotently: one row per answer (or prediction), a repeat replaces the rating and comment. An
 * answer is known when it is logged, or given but still waiting in the log's queue. Feedback on predictions needs the
 * prediction log of the serving work; until it exists every prediction id is unknown (404).
 */
@ApplicationScoped
public class FeedbackService {

    static final int MIN_RATING = 1;
    static final int MAX_RATING = 5;
    static final int MAX_COMMENT = 2000;
    static final String ANSWER_EXISTS = "SELECT 1 FROM inference.interaction WHERE answer_id = $1";
    static final String UPSERT_ANSWER = "INSERT INTO inference.feedback (answer_id, rating, comment, key_id) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT (answer_id) DO UPDATE SET rating = EXCLUDED.rating, "
            + "comment = EXCLUDED.comment, key_id = EXCLUDED.key_id, updated_at = now() "
            + "RETURNING (xmax = 0) AS created";

    private final Pool pool;
    private final InteractionLog log;

    public FeedbackService(Pool pool, InteractionLog log) {
        this.pool = pool;
        this.log = log;
    }

    public Uni<FeedbackReceipt> record(FeedbackRequest request, Caller caller) {
        validate(request);
        if (request.predictionId() != null) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND,
                    "no prediction " + request.predictionId()));
        }
        UUID answer = answerId(request.answerId());
        return known(answer, request.answerId())
                .chain(() -> pool.preparedQuery(UPSERT_ANSWER)
                        .execute(Tuple.of(answer, request.rating(), request.comment(), caller.keyId())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new FeedbackReceipt(request.answerId(), null, request.rating(), request.comment(), null,
                            row.getBoolean("created"));
                });
    }

    private Uni<Void> known(UUID answer, String raw) {
        if (log.isPending(raw)) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(ANSWER_EXISTS).execute(Tuple.of(answer)).chain(rows -> rows.size() > 0
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND, "no answer " + raw)));
    }

    private static void validate(FeedbackRequest request) {
        if (request == null) {
            throw invalid("$", "a JSON body is required");
        }
        if ((request.answerId() == null) == (request.predictionId() == null)) {
            throw invalid("answer_id", "give exactly one of answer_id and prediction_id");
        }
        if (request.answerId() != null) {
            if (request.rating() == null || request.rating() < MIN_RATING || request.rating() > MAX_RATING) {
                throw invalid("rating", "must be an integer from " + MIN_RATING + " to " + MAX_RATING);
            }
            if (request.comment() != null && request.comment().length() > MAX_COMMENT) {
                throw invalid("comment", "must be at most " + MAX_COMMENT + " characters");
            }
        } else if (request.label() == null || request.label().isBlank()) {
            throw invalid("label", "is required for feedback on a prediction");
        }
    }

    private static UUID answerId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no answer " + raw);
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, field + " " + message,
                List.of(new FieldError(field, message)));
    }
}
