package io.flywheel.mlops.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.flywheel.mlops.notify.JsonPoster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;

/**
 * Adds inference replicas: through the Kubernetes API (the Deployment's scale subresource, with mlops-app's
 * ServiceAccount and the {@code flywheel-rollout} Role), or by POSTing to a configured hook. Never beyond the configured
 * maximum; not available when neither is configured (the embedded default).
 */
@ApplicationScoped
public class ScaleOutExecutor implements ActionExecutor {

    static final String KUBERNETES = "kubernetes";
    static final String HOOK = "hook";

    private final AgentSettings.Scale settings;
    private final Instance<KubernetesClient> kubernetes;
    private final JsonPoster poster;
    private final AgentSettings.Hooks hooks;
    private final ObjectMapper json;

    public ScaleOutExecutor(AgentSettings settings, Instance<KubernetesClient> kubernetes, JsonPoster poster,
                            ObjectMapper json) {
        this.settings = settings.scale();
        this.hooks = settings.hooks();
        this.kubernetes = kubernetes;
        this.poster = poster;
        this.json = json;
    }

    @Override
    public ActionType type() {
        return ActionType.SCALE_OUT;
    }

    @Override
    public ExecutionResult execute(ActionRequest request) throws JsonProcessingException {
        return switch (settings.mode()) {
            case KUBERNETES -> throughKubernetes();
            case HOOK -> throughHook();
            default -> ExecutionResult.unavailable("scale-out is not configured (flywheel.agent.scale.mode="
                    + settings.mode() + ")");
        };
    }

    private ExecutionResult throughKubernetes() {
        KubernetesClient client = kubernetes.get();
        String namespace = settings.namespace().orElse(client.getNamespace());
        RollableScalableResource<Deployment> deployment = client.apps().deployments().inNamespace(namespace)
                .withName(settings.deployment());
        Deployment current = deployment.get();
        if (current == null) {
            return ExecutionResult.failed("no Deployment " + namespace + "/" + settings.deployment());
        }
        int before = current.getSpec().getReplicas() == null ? 1 : current.getSpec().getReplicas();
        if (before >= settings.maxReplicas()) {
            return new ExecutionResult(ActionStatus.FAILED, "already at the maximum of " + settings.maxReplicas()
                    + " replicas", Map.of("replicas", before), Map.of("replicas", before));
        }
        int wanted = Math.min(settings.maxReplicas(), before + settings.step());
        deployment.scale(wanted);
        Integer after = deployment.get().getSpec().getReplicas();
        return ExecutionResult.succeeded("scaled " + namespace + "/" + settings.deployment() + " from " + before + " to "
                + after + " replicas", Map.of("replicas", before), Map.of("replicas", after));
    }

    private ExecutionResult throughHook() throws JsonProcessingException {
        if (settings.hookUrl().isEmpty()) {
            return ExecutionResult.unavailable("flywheel.agent.scale.mode=hook but no hook-url is set");
        }
        byte[] body = json.writeValueAsBytes(Map.of("deployment", settings.deployment(), "step", settings.step()));
        String answer = poster.post(settings.hookUrl().get(), body, Map.of(), hooks.timeout())
                .await().atMost(hooks.timeout().multipliedBy(2));
        return ExecutionResult.succeeded("the scale hook at " + JsonPoster.redactedHost(settings.hookUrl().get())
                + " accepted +" + settings.step() + " replica(s)", Map.of(), Map.of("hook_answer", answer));
    }
}
