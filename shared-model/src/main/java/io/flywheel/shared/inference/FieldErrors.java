package io.flywheel.shared.inference;

import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;

/** The problems found in one request, reported together as one 422 (the first few; a request wrong everywhere once). */
final class FieldErrors {

    private static final int MAX_LISTED = 20;

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private int count;

    void add(String field, String message) {
        count++;
        if (errors.size() < MAX_LISTED) {
            errors.add(new Problem.FieldError(field, message));
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    void throwIfAny() {
        if (count == 0) {
            return;
        }
        Problem.FieldError first = errors.get(0);
        String detail = "`" + first.field() + "` " + first.message();
        if (count > 1) {
            detail += " (and " + (count - 1) + " more problem" + (count == 2 ? "" : "s") + ")";
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST, detail, List.copyOf(errors));
    }
}
