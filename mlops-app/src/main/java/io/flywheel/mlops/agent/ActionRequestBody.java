package io.flywheel.mlops.agent;

import java.util.Map;

/**
 * The body of {@code POST /api/actions}: a person asks for an action, which then goes through its tier like the
 * agent's proposals.
 *
 * @param type       the action type label ({@code retrain}, {@code delete-data}, ...)
 * @param target     what it acts on
 * @param parameters its values
 * @param reasoning  why
 */
public record ActionRequestBody(String type, String target, Map<String, Object> parameters, String reasoning) {
}
