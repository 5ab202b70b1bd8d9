package io.flywheel.mlops.agent;

import java.util.Map;
import java.util.UUID;

/**
 * What an executor is asked to do.
 *
 * @param actionId   the action
 * @param alertId    the alert it answers, or {@code null} when a person asked for it
 * @param target     what it acts on
 * @param parameters its values
 * @param reasoning  why (notifications repeat it)
 * @param approver   who approved it, or {@code null} for an auto action
 */
public record ActionRequest(UUID actionId, UUID alertId, String target, Map<String, Object> parameters,
                            String reasoning, String approver) {

    public ActionRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** A parameter as text, or {@code null}. */
    public String parameter(String name) {
        Object value = parameters.get(name);
        return value == null ? null : value.toString();
    }
}
