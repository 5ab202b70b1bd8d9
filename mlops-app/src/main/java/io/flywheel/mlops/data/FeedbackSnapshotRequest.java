package io.flywheel.mlops.data;

import io.flywheel.mlops.predictions.LiveWindow;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /api/datasets/snapshots}: {@code {"model": "credit-risk", "hours": 24}} or {@code {"model", "rows"}}. */
public record FeedbackSnapshotRequest(String model, Long hours, Long rows) {

    /** The request when it is complete; otherwise 422 naming every wrong field. */
    static FeedbackSnapshotRequest checked(FeedbackSnapshotRequest request) {
        if (request == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a JSON body with model and hours or rows "
                    + "is required", List.of(new FieldError("model", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.model() == null || request.model().isBlank()) {
            errors.add(new FieldError("model", "is required"));
        }
        if (request.hours() == null && request.rows() == null) {
            errors.add(new FieldError("hours", "give the window: hours or rows"));
        }
        errors.addAll(LiveWindow.check(text(request.hours()), text(request.rows()), ""));
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the snapshot request is invalid: "
                    + errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        return request;
    }

    LiveWindow window() {
        return hours != null ? LiveWindow.ofHours(hours.intValue()) : LiveWindow.ofRows(rows.intValue());
    }

    private static String text(Long value) {
        return value == null ? null : Long.toString(value);
    }
}
