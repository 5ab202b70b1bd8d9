package io.flywheel.mlops.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds the inference pods whose metrics a rollout analysis reads: the configured URLs ({@code static}, the embedded
 * default: the one local inference-app), every A record of a headless Service ({@code dns}), or the running pods that
 * match a label selector through the Kubernetes API ({@code kubernetes}, with the {@code flywheel-rollout} Role).
 * Discovery that fails is a failure of the analysis' evidence, never an empty list read as "no pods, nothing wrong".
 */
@ApplicationScoped
public class InferencePods {

    static final String STATIC = "static";
    static final String DNS = "dns";
    static final String KUBERNETES = "kubernetes";

    private final RolloutSettings.Pods settings;
    private final Supplier<KubernetesClient> kubernetes;

    @Inject
    public InferencePods(RolloutSettings settings, Instance<KubernetesClient> kubernetes) {
        this(settings.pods(), kubernetes::get);
    }

    /** With the client resolved only when the {@code kubernetes} mode asks (other modes need no cluster). */
    InferencePods(RolloutSettings.Pods settings, Supplier<KubernetesClient> kubernetes) {
        this.settings = settings;
        this.kubernetes = kubernetes;
    }

    /** The pods' base URLs; DNS and the Kubernetes API are asked on a worker thread (both block). */
    public Uni<List<String>> discover() {
        return switch (settings.discovery()) {
            case STATIC -> Uni.createFrom().item(settings.urls().stream().map(InferencePods::trimmed).toList());
            case DNS -> Uni.createFrom().item(this::fromDns).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            case KUBERNETES -> Uni.createFrom().item(this::fromKubernetes)
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            default -> Uni.createFrom().failure(new IllegalStateException("flywheel.rollout.pods.discovery must be "
                    + "static, dns or kubernetes, was " + settings.discovery()));
        };
    }

    private List<String> fromDns() {
        String name = settings.dnsName().orElseThrow(() -> new IllegalStateException(
                "flywheel.rollout.pods.discovery=dns needs flywheel.rollout.pods.dns-name"));
        try {
            return Arrays.stream(InetAddress.getAllByName(name)).map(address -> url(address.getHostAddress()))
                    .distinct().sorted().toList();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the headless Service " + name + " does not resolve", e);
        }
    }

    private List<String> fromKubernetes() {
        KubernetesClient client = kubernetes.get();
        String namespace = settings.namespace().orElse(client.getNamespace());
        return client.pods().inNamespace(namespace).withLabelSelector(settings.selector()).list().getItems().stream()
                .filter(InferencePods::running).map(pod -> url(pod.getStatus().getPodIP())).sorted().toList();
    }

    private static boolean running(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getPodIP() != null && pod.getMetadata().getDeletionTimestamp() == null;
    }

    private String url(String address) {
        return "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + settings.port();
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
