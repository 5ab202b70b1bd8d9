package io.flywheel.mlops.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.notify.JsonPoster;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Clears inference caches by POSTing to a configured hook (inference-app has no cache-clearing API of its own); not
 * available without one.
 */
@ApplicationScoped
public class ClearCacheExecutor implements ActionExecutor {

    private final AgentSettings.Hooks hooks;
    private final JsonPoster poster;
    private final ObjectMapper json;

    public ClearCacheExecutor(AgentSettings settings, JsonPoster poster, ObjectMapper json) {
        this.hooks = settings.hooks();
        this.poster = poster;
        this.json = json;
    }

    @Override
    public ActionType type() {
        return ActionType.CLEAR_CACHE;
    }

    @Override
    public ExecutionResult execute(ActionRequest request) throws JsonProcessingException {
        if (hooks.clearCacheUrl().isEmpty()) {
            return ExecutionResult.unavailable("no clear-cache hook is configured (flywheel.agent.hooks.clear-cache-url)");
        }
        byte[] body = json.writeValueAsBytes(Map.of("action", request.actionId().toString(), "target",
                request.target()));
        String answer = poster.post(hooks.clearCacheUrl().get(), body, Map.of(), hooks.timeout())
                .await().atMost(hooks.timeout().multipliedBy(2));
        return ExecutionResult.succeeded("the clear-cache hook accepted", Map.of(), Map.of("hook_answer", answer));
    }
}
