package io.flywheel.mlops.agent;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes API server on this machine (fabric8's mock server in CRUD mode: it stores what it is sent and serves it
 * back, scale subresource included) holding the {@code flywheel/inference-app} Deployment with 2 replicas. Tests read
 * the Deployment over its HTTP API ({@value #URL_KEY}).
 */
public class LocalKubernetes implements QuarkusTestResourceLifecycleManager {

    static final String URL_KEY = "test.kubernetes.url";
    static final String NAMESPACE = "flywheel";
    static final int INITIAL_REPLICAS = 2;

    private KubernetesServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the local Kubernetes API", e);
        }
        server.before();
        server.getClient().apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName("inference-app").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(INITIAL_REPLICAS).endSpec().build()).create();
        String url = server.getClient().getMasterUrl().toString().replaceAll("/+$", "");
        return Map.of("quarkus.kubernetes-client.api-server-url", url,
                "quarkus.kubernetes-client.namespace", NAMESPACE,
                "quarkus.kubernetes-client.trust-certs", "true",
                "flywheel.agent.scale.mode", "kubernetes",
                URL_KEY, url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.after();
        }
    }
}
