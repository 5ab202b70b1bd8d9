package io.flywheel.mlops.agent;

import io.flywheel.shared.problem.Problem.FieldError;
import java.util.List;
import java.util.Map;

/** The model an action on a model acts on: its {@code model} parameter, else a target {@code model:<name>}. */
final class ModelParameter {

    static final String NAME = "model";
    private static final String TARGET_PREFIX = "model:";

    private ModelParameter() {
    }

    static String of(String target, Map<String, Object> parameters) {
        Object model = parameters.get(NAME);
        if (model != null && !model.toString().isBlank()) {
            return model.toString();
        }
        return target != null && target.startsWith(TARGET_PREFIX) && target.length() > TARGET_PREFIX.length()
                ? target.substring(TARGET_PREFIX.length()) : null;
    }

    static List<FieldError> check(String target, Map<String, Object> parameters) {
        return of(target, parameters) == null ? List.of(new FieldError("parameters.model",
                "required (or a target model:<name>)")) : List.of();
    }
}
