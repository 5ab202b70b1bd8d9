package io.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What quarkus-kubernetes writes to each app's target/kubernetes/kubernetes.yml at build time. */
class GeneratedManifestsTest {

    /** The jobs SPEC.md and the architecture name; each must have its CronJob. */
    static final List<String> SCHEDULED_JOBS = List.of("retrain", "evaluate", "drift", "reindex", "golden",
            "batch-score");

    @ParameterizedTest
    @CsvSource({"inference-app, 8080", "mlops-app, 8081"})
    void eachAppGetsADeploymentServiceAndServiceAccountWithProbesOnItsHealthEndpoints(String app, int port) {
        Manifests manifests = Manifests.read(Repository.generatedManifests(app));
        JsonNode deployment = manifests.get("Deployment", app);
        manifests.get("Service", app);
        manifests.get("ServiceAccount", app);

        assertThat(deployment.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo(app);
        JsonNode container = Manifests.container(deployment);
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.path(probe).at("/httpGet/port").asInt()).as(probe).isEqualTo(port);
        }
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(port);
    }

    @ParameterizedTest
    @CsvSource({"inference-app", "mlops-app"})
    void resourcesAreBoundedAndPrometheusIsToldWhereToScrape(String app) {
        JsonNode deployment = Manifests.read(Repository.generatedManifests(app)).get("Deployment", app);
        JsonNode resources = Manifests.container(deployment).path("resources");
        assertThat(resources.at("/requests/cpu").asText()).isNotEmpty();
        assertThat(resources.at("/requests/memory").asText()).isNotEmpty();
        assertThat(resources.at("/limits/memory").asText()).isNotEmpty();

        JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
    }

    @ParameterizedTest
    @CsvSource({"inference-app", "mlops-app"})
    void databaseCredentialsComeFromTheSecretAndNothingSecretIsInline(String app) {
        JsonNode container = Manifests.container(Manifests.read(Repository.generatedManifests(app))
                .get("Deployment", app));
        Map<String, String> fromSecret = new java.util.HashMap<>();
        for (JsonNode env : container.path("env")) {
            String name = env.path("name").asText();
            if (name.contains("PASSWORD") || name.contains("DATASOURCE")) {
                assertThat(env.has("value")).as(name + " must not be inline").isFalse();
            }
            JsonNode ref = env.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                fromSecret.put(name, ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        }
        assertThat(fromSecret).containsEntry("QUARKUS_DATASOURCE_USERNAME", "flywheel-db/username")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "flywheel-db/password")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "flywheel-db/jdbc-url")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "flywheel-db/reactive-url");
        assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("flywheel-config");
    }

    @Test
    void inferencePodsReachMlopsAppsServiceAtTheOneAddressTheyRead() throws java.io.IOException {
        JsonNode container = Manifests.container(Manifests.read(Repository.generatedManifests("inference-app"))
                .get("Deployment", "inference-app"));
        Manifests.read(Repository.generatedManifests("mlops-app")).get("Service", "mlops-app");
        Map<String, String> values = new java.util.HashMap<>();
        container.path("env").forEach(env -> values.put(env.path("name").asText(), env.path("value").asText()));

        assertThat(values).containsEntry("FLYWHEEL_MLOPS_URL", "http://mlops-app");
        // FLYWHEEL_MLOPS_URL is flywheel.mlops.url: the key of the deployment sync, the key sync and the agent's tool
        assertThat(java.nio.file.Files.readString(Repository.ROOT.resolve(
                "inference-app/src/main/java/io/flywheel/inference/mlops/MlopsSettings.java")))
                .contains("@ConfigMapping(prefix = \"flywheel.mlops\")").contains("String url();");
    }

    @Test
    void mlopsAppHasACronJobPerScheduledJobRunningItsCommandModeWithTheDeploymentsImageAndEnv() {
        Manifests manifests = Manifests.read(Repository.generatedManifests("mlops-app"));
        JsonNode app = Manifests.container(manifests.get("Deployment", "mlops-app"));

        for (String job : SCHEDULED_JOBS) {
            JsonNode cronJob = manifests.get("CronJob", "mlops-job-" + job);
            JsonNode container = Manifests.container(cronJob);
            assertThat(Manifests.texts(container.path("args"))).as(job).containsExactly("job", job);
            assertThat(container.path("image")).as(job).isEqualTo(app.path("image"));
            assertThat(settings(container)).as(job).isEqualTo(settings(app));
            assertThat(container.path("envFrom")).as(job).isEqualTo(app.path("envFrom"));
            assertThat(cronJob.at("/spec/concurrencyPolicy").asText()).as(job).isEqualTo("Forbid");
            assertThat(cronJob.at("/spec/jobTemplate/spec/template/spec/restartPolicy").asText()).isEqualTo("Never");
            // a job pod must never be selected by the app's Service
            assertThat(cronJob.at("/spec/jobTemplate/spec/template/metadata/labels/app.kubernetes.io~1name").asText())
                    .isNotEqualTo("mlops-app");
        }
        assertThat(manifests.ofKind("CronJob")).hasSize(SCHEDULED_JOBS.size());
    }

    @Test
    void mlopsServiceAccountMayReadPodsAndScaleDeploymentsAndNothingMore() {
        Manifests manifests = Manifests.read(Repository.generatedManifests("mlops-app"));
        JsonNode binding = manifests.get("RoleBinding", "mlops-app-flywheel-rollout");
        assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
        assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("mlops-app");

        JsonNode role = manifests.get("Role", binding.at("/roleRef/name").asText());
        Map<String, List<String>> verbsByResource = new java.util.TreeMap<>();
        for (JsonNode rule : role.path("rules")) {
            for (String resource : Manifests.texts(rule.path("resources"))) {
                verbsByResource.put(resource, Manifests.texts(rule.path("verbs")));
            }
        }
        assertThat(verbsByResource.get("pods")).containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(verbsByResource.get("deployments/scale")).contains("patch", "update");
        assertThat(verbsByResource.values()).allSatisfy(verbs -> assertThat(verbs).doesNotContain("delete", "create", "*"));
        assertThat(manifests.ofKind("ClusterRole")).isEmpty();
    }

    /** A container's environment by name, without the pod's own namespace (only the Deployment needs it). */
    private static Map<String, JsonNode> settings(JsonNode container) {
        Map<String, JsonNode> settings = new java.util.TreeMap<>();
        container.path("env").forEach(env -> settings.put(env.path("name").asText(), env));
        settings.remove("KUBERNETES_NAMESPACE");
        return settings;
    }
}
