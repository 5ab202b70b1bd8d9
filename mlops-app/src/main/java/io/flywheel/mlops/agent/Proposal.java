package io.flywheel.mlops.agent;

import java.util.Map;

/**
 * An action the agent proposes, before its tier decides whether it runs at once or waits.
 *
 * @param type            what to do
 * @param target          what to do it to: {@code model:<name>}, {@code deployment:<name>}, {@code channels}, ...
 * @param parameters      the values the executor needs, JSON-friendly
 * @param reasoning       why this action for this alert
 * @param predictedImpact what it is expected to change, and how that will be measured
 */
public record Proposal(ActionType type, String target, Map<String, Object> parameters, String reasoning,
                       String predictedImpact) {

    public Proposal {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
