package io.flywheel.inference.feedback;

import io.flywheel.inference.access.Caller;
import io.flywheel.inference.assistant.InteractionLog;
import io.flywheel.inference.predictions.PredictionLog;
import io.flywheel.inference.tabular.ServedModels;
import io.flywheel.inference.tabular.ServedVersion;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Stores feedback, idempotently: one row per answer or per prediction; a repeat replaces it (200 instead of 201). An
 * answer or a prediction is known when it is logged, or given but still waiting in its log's buffer. A prediction's
 * true label must be one of its model's classes when this pod serves that model (a label outside them would poison
 * the training snapshot built from log ⨝ feedback).
 */
@ApplicationScoped
public class FeedbackService {

    static final int MIN_RATING = 1;
    static final int MAX_RATING = 5;
    static final int MAX_COMMENT = 2000;
    static final int MAX_LABEL = 200;
    static final String ANSWER_EXISTS = "SELECT 1 FROM inference.interaction WHERE answer_id = $1";
    static final String PREDICTION_MODEL = "SELECT model FROM inference.prediction WHERE prediction_id = $1";
    static final String UPSERT_ANSWER = "INSERT INTO inference.feedback (answer_id, rating, comment, key_id) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT (answer_id) DO UPDATE SET rating = EXCLUDED.rating, "
            + "comment = EXCLUDED.comment, key_id = EXCLUDED.key_id, updated_at = now() "
            + "RETURNING (xmax = 0) AS created";
    static final String UPSERT_PREDICTION = "INSERT INTO inference.feedback (prediction_id, label, rating, comment, "
            + "key_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (prediction_id) DO UPDATE SET label = EXCLUDED.label, "
            + "rating = EXCLUDED.rating, comment = EXCLUDED.comment, key_id = EXCLUDED.key_id, updated_at = now() "
            + "RETURNING (xmax = 0) AS created";

    private final Pool pool;
    private final InteractionLog interactions;
    private final PredictionLog predictions;
    private final ServedModels served;

    public FeedbackService(Pool pool, InteractionLog interactions, PredictionLog predictions, ServedModels served) {
        this.pool = pool;
        this.interactions = interactions;
        this.predictions = predictions;
        this.served = served;
    }

    public Uni<FeedbackReceipt> record(FeedbackRequest request, Caller caller) {
        validate(request);
        if (request.predictionId() != null) {
            return recordPrediction(request, caller);
        }
        UUID answer = id(request.answerId(), "answer");
        return knownAnswer(answer, request.answerId())
                .chain(() -> pool.preparedQuery(UPSERT_ANSWER)
                        .execute(Tuple.of(answer, request.rating(), request.comment(), caller.keyId())))
                .map(rows -> new FeedbackReceipt(request.answerId(), null, request.rating(), request.comment(), null,
                        created(rows)));
    }

    private Uni<FeedbackReceipt> recordPrediction(FeedbackRequest request, Caller caller) {
        UUID prediction = id(request.predictionId(), "prediction");
        return modelOf(prediction, request.predictionId())
                .invoke(model -> checkLabel(model, request.label()))
                .chain(() -> pool.preparedQuery(UPSERT_PREDICTION).execute(Tuple.tuple().addValue(prediction)
                        .addValue(request.label()).addValue(request.rating()).addValue(request.comment())
                        .addValue(caller.keyId())))
                .map(rows -> new FeedbackReceipt(null, request.predictionId(), request.rating(), request.comment(),
                        request.label(), created(rows)));
    }

    private Uni<Void> knownAnswer(UUID answer, String raw) {
        if (interactions.isPending(raw)) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(ANSWER_EXISTS).execute(Tuple.of(answer)).chain(rows -> rows.size() > 0
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND, "no answer " + raw)));
    }

    /** The model that made the prediction, whether it is still buffered or already logged; 404 if neither. */
    private Uni<String> modelOf(UUID prediction, String raw) {
        String pending = predictions.pendingModel(prediction);
        if (pending != null) {
            return Uni.createFrom().item(pending);
        }
        return pool.preparedQuery(PREDICTION_MODEL).execute(Tuple.of(prediction)).map(rows -> {
            if (rows.size() == 0) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no prediction " + raw);
            }
            return rows.iterator().next().getString("model");
        });
    }

    private void checkLabel(String model, String label) {
        if (label == null) {
            return;
        }
        Set<String> classes = new TreeSet<>();
        served.find(model).ifPresent(state -> state.versions().stream().map(ServedVersion::compiled)
                .forEach(version -> classes.addAll(version.schema().classes())));
        if (!classes.isEmpty() && !classes.contains(label)) {
            throw invalid("label", "must be one of the classes of model " + model + ": " + String.join(", ", classes));
        }
    }

    private static boolean created(RowSet<Row> rows) {
        return rows.iterator().next().getBoolean("created");
    }

    private static void validate(FeedbackRequest request) {
        if (request == null) {
            throw invalid("$", "a JSON body is required");
        }
        if ((request.answerId() == null) == (request.predictionId() == null)) {
            throw invalid("answer_id", "give exactly one of answer_id and prediction_id");
        }
        if (request.rating() != null && (request.rating() < MIN_RATING || request.rating() > MAX_RATING)) {
            throw invalid("rating", "must be an integer from " + MIN_RATING + " to " + MAX_RATING);
        }
        if (request.comment() != null && request.comment().length() > MAX_COMMENT) {
            throw invalid("comment", "must be at most " + MAX_COMMENT + " characters");
        }
        if (request.answerId() != null) {
            if (request.rating() == null) {
                throw invalid("rating", "is required for feedback on an answer");
            }
            if (request.label() != null) {
                throw invalid("label", "is for predictions; rate an answer instead");
            }
        } else if (request.label() == null && request.rating() == null) {
            throw invalid("label", "give the true label of the prediction, or a rating");
        } else if (request.label() != null && (request.label().isBlank() || request.label().length() > MAX_LABEL)) {
            throw invalid("label", "must be a class name of 1 to " + MAX_LABEL + " characters");
        }
    }

    private static UUID id(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no " + what + " " + raw);
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, field + " " + message,
                List.of(new FieldError(field, message)));
    }
}
