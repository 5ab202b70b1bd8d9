package io.flywheel.mlops.batch;

import io.flywheel.mlops.access.Roles;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/batch/predictions?run=&model=&page=&size=}: a batch-score run's predictions, paged, in row order. */
@Path("/api/batch/predictions")
@Produces(MediaType.APPLICATION_JSON)
public class BatchPredictionResource {

    static final int MAX_PAGE_SIZE = 10_000;

    private final BatchPredictions predictions;

    public BatchPredictionResource(BatchPredictions predictions) {
        this.predictions = predictions;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<BatchPredictions.BatchPage> page(@QueryParam("run") String run, @QueryParam("model") String model,
                                                @QueryParam("page") @DefaultValue("0") int page,
                                                @QueryParam("size") @DefaultValue("1000") int size) {
        List<FieldError> errors = new ArrayList<>();
        UUID runId = null;
        if (run == null && (model == null || model.isBlank())) {
            errors.add(new FieldError("run", "give a run id, or a model for its newest run"));
        }
        if (run != null) {
            try {
                runId = UUID.fromString(run);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("run", "must be a job run id (a UUID), was '" + run + "'"));
            }
        }
        if (page < 0) {
            errors.add(new FieldError("page", "must be >= 0"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "must be within 1.." + MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the page request is invalid: "
                    + errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        return predictions.page(runId, model, page, size);
    }
}
