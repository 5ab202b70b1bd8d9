package io.flywheel.mlops.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the rollout controller finds inference pods: the configured list; every address of a DNS name on the pods' port
 * (a name that does not resolve fails the discovery, it never answers "no pods"); the Kubernetes API (fabric8's mock
 * API server, a faithful local one) → only the Running pods of the selector that are not being deleted.
 */
class InferencePodsTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String NAMESPACE = "flywheel";
    private static final Map<String, String> INFERENCE = Map.of("app.kubernetes.io/name", "inference-app");

    private KubernetesServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.after();
        }
    }

    @Test
    void staticModeAnswersTheConfiguredUrlsWithoutTrailingSlashes() {
        InferencePods pods = pods(Map.of("discovery", "static", "urls", "http://10.0.0.1:8080/,http://10.0.0.2:8080"),
                null);

        assertThat(pods.discover().await().atMost(WITHIN)).containsExactly("http://10.0.0.1:8080",
                "http://10.0.0.2:8080");
    }

    @Test
    void dnsModeAnswersEveryAddressOfTheNameOnThePodsPort() throws Exception {
        InferencePods pods = pods(Map.of("discovery", "dns", "dns-name", "localhost", "port", "9191"), null);

        List<String> found = pods.discover().await().atMost(WITHIN);

        assertThat(found).contains("http://127.0.0.1:9191").allMatch(url -> url.endsWith(":9191"));
        assertThat(found).hasSize((int) java.util.Arrays.stream(InetAddress.getAllByName("localhost"))
                .map(InetAddress::getHostAddress).distinct().count());
    }

    @Test
    void dnsModeFailsWhenTheNameDoesNotResolveInsteadOfFindingNoPods() {
        // .invalid never resolves (RFC 6761)
        InferencePods pods = pods(Map.of("discovery", "dns", "dns-name", "inference-app-pods.invalid"), null);

        assertThatThrownBy(() -> pods.discover().await().atMost(WITHIN)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inference-app-pods.invalid does not resolve");
    }

    @Test
    void aDiscoveryThatFailsIsMissingEvidenceForTheAnalysisNotAnUnseenFailure() {
        Map<String, String> values = Map.of("discovery", "dns", "dns-name", "inference-app-pods.invalid");
        Vertx vertx = Vertx.vertx();
        try {
            PodMetrics metrics = new PodMetrics(pods(values, null), settings(values), vertx);

            List<PodScrape> scrapes = metrics.scrape("credit", 1, 2).await().atMost(WITHIN);
            AnalysisResult result = RolloutAnalysis.judge(scrapes, Map.of(), LiveAccuracy.NONE,
                    settings(values).thresholds());

            assertThat(result.verdict()).isEqualTo(AnalysisResult.INCONCLUSIVE);
            assertThat(result.reasons()).singleElement().asString().contains("inference pods were not found")
                    .contains("inference-app-pods.invalid does not resolve");
        } finally {
            vertx.closeAndAwait();
        }
    }

    @Test
    void dnsModeWithoutANameSaysWhichSettingIsMissing() {
        InferencePods pods = pods(Map.of("discovery", "dns"), null);

        assertThatThrownBy(() -> pods.discover().await().atMost(WITHIN))
                .hasMessageContaining("flywheel.rollout.pods.dns-name");
    }

    @Test
    void kubernetesModeAnswersOnlyTheRunningPodsOfTheSelectorThatAreNotBeingDeleted() {
        KubernetesClient client = localKubernetes();
        create(client, pod("serving-a", INFERENCE, "Running", "10.1.0.11"));
        create(client, pod("serving-b", INFERENCE, "Running", "10.1.0.12"));
        create(client, pod("starting", INFERENCE, "Pending", null));
        create(client, pod("crashed", INFERENCE, "Failed", "10.1.0.13"));
        create(client, pod("done", INFERENCE, "Succeeded", "10.1.0.14"));
        create(client, pod("other-app", Map.of("app.kubernetes.io/name", "mlops-app"), "Running", "10.1.0.15"));
        Pod leaving = pod("leaving", INFERENCE, "Running", "10.1.0.16");
        leaving.getMetadata().setFinalizers(List.of("flywheel.io/test-hold"));
        create(client, leaving);
        client.pods().inNamespace(NAMESPACE).withName("leaving").delete();
        assertThat(client.pods().inNamespace(NAMESPACE).withName("leaving").get().getMetadata()
                .getDeletionTimestamp()).as("a pod being deleted, held by its finalizer").isNotNull();

        InferencePods pods = pods(Map.of("discovery", "kubernetes", "namespace", NAMESPACE, "port", "8080"),
                client);

        assertThat(pods.discover().await().atMost(WITHIN)).containsExactly("http://10.1.0.11:8080",
                "http://10.1.0.12:8080");
    }

    @Test
    void anUnknownModeIsRefusedByName() {
        InferencePods pods = pods(Map.of("discovery", "consul"), null);

        assertThatThrownBy(() -> pods.discover().await().atMost(WITHIN)).hasMessageContaining("was consul");
    }

    private KubernetesClient localKubernetes() {
        server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        return server.getClient();
    }

    private static void create(KubernetesClient client, Pod pod) {
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private static Pod pod(String name, Map<String, String> labels, String phase, String ip) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(labels)
                .endMetadata().withNewStatus().withPhase(phase).withPodIP(ip).endStatus().build();
    }

    private static InferencePods pods(Map<String, String> values, KubernetesClient client) {
        return new InferencePods(settings(values).pods(), () -> client);
    }

    /** The real settings mapping, defaults included, with these {@code flywheel.rollout.pods.*} values. */
    private static RolloutSettings settings(Map<String, String> values) {
        Map<String, String> properties = new HashMap<>();
        values.forEach((key, value) -> properties.put("flywheel.rollout.pods." + key, value));
        // Quarkus reads durations such as "5m" with its own converter, which a bare SmallRye config lacks
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(RolloutSettings.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(RolloutSettings.class);
    }
}
