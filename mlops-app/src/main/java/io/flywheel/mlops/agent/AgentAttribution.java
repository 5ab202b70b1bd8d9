package io.flywheel.mlops.agent;

import io.flywheel.mlops.registry.Attribution;

/** How an action's changes are attributed: to the agent, through the action, approved by whom, and why. */
final class AgentAttribution {

    private AgentAttribution() {
    }

    static Attribution of(ActionRequest request) {
        String approved = request.approver() == null ? "" : ", approved by " + request.approver();
        return new Attribution("agent", "action:" + request.actionId() + approved, request.reasoning());
    }
}
