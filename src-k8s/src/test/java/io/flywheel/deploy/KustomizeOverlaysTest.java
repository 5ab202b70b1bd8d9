package io.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay renders with the real kubectl/kustomize and validates against the Kubernetes schemas offline. */
class KustomizeOverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersAndEveryResourceValidatesAgainstTheKubernetesSchemas(String overlay) throws IOException {
        Path rendered = render(overlay);

        Command validation = SchemaValidator.validate(overlay, List.of(rendered));

        assertThat(validation.exitCode()).as(validation.output()).isZero();
        assertThat(validation.output()).contains("valid (schemas and strict fields)");
    }

    @Test
    void theGeneratedManifestsAloneValidateToo() {
        Command validation = SchemaValidator.validate("generated", List.of(
                Repository.generatedManifests("inference-app"), Repository.generatedManifests("mlops-app")));
        assertThat(validation.exitCode()).as(validation.output()).isZero();
    }

    @Test
    void theValidatorRejectsAnUnknownFieldAndAWrongType() throws IOException {
        String broken = Kubectl.kustomize(Repository.SRC_K8S.resolve("overlays/prod"))
                .replace("concurrencyPolicy: Forbid", "concurencyPolicy: Forbid")
                .replaceFirst("minAvailable: 2", "minAvailable: [2]");
        Path file = Files.createDirectories(Repository.work("rendered")).resolve("broken.yaml");
        Files.writeString(file, broken);

        Command validation = SchemaValidator.validate("broken", List.of(file));

        assertThat(validation.exitCode()).isEqualTo(1);
        assertThat(validation.output()).contains("'\"concurencyPolicy\"' does not exist in type 'ICronJobSpec'")
                .contains("PodDisruptionBudget/inference-app");
    }

    @Test
    void cronJobsKeepTheAppsImageAndSettingsButNotItsHttpProbes() throws IOException {
        Manifests prod = Manifests.read(render("prod"));
        JsonNode app = Manifests.container(prod.get("Deployment", "mlops-app"));
        for (String job : GeneratedManifestsTest.SCHEDULED_JOBS) {
            JsonNode container = Manifests.container(prod.get("CronJob", "mlops-job-" + job));
            assertThat(container.path("image")).isEqualTo(app.path("image"));
            assertThat(container.path("envFrom")).isEqualTo(app.path("envFrom"));
            assertThat(container.has("livenessProbe") || container.has("readinessProbe")
                    || container.has("startupProbe")).as(job + " has probes").isFalse();
        }
    }

    @Test
    void devRunsItsOwnPostgresWithGeneratedDevCredentialsAndProdCommitsNoSecret() throws IOException {
        Manifests dev = Manifests.read(render("dev"));
        Manifests prod = Manifests.read(render("prod"));

        JsonNode postgres = dev.get("StatefulSet", "flywheel-postgres");
        assertThat(Manifests.container(postgres).path("image").asText()).startsWith("docker.io/library/postgres:17");
        List<String> devSecrets = dev.ofKind("Secret").stream().map(secret -> secret.at("/metadata/name").asText())
                .toList();
        assertThat(devSecrets).anyMatch(name -> name.startsWith("flywheel-db-"))
                .anyMatch(name -> name.startsWith("flywheel-access-")).anyMatch(name -> name.startsWith("flywheel-alerts-"));
        assertThat(secretRefs(dev.get("Deployment", "inference-app"))).allMatch(devSecrets::contains)
                .anyMatch(name -> name.startsWith("flywheel-db-")).anyMatch(name -> name.startsWith("flywheel-access-"));
        assertThat(secretRefs(dev.get("Deployment", "mlops-app"))).allMatch(devSecrets::contains).hasSize(3);

        assertThat(prod.ofKind("StatefulSet")).isEmpty();
        assertThat(prod.ofKind("Secret")).as("prod's Secrets are created out of band").isEmpty();
        assertThat(secretRefs(prod.get("Deployment", "mlops-app")))
                .containsExactlyInAnyOrder("flywheel-db", "flywheel-access", "flywheel-alerts");
        assertThat(secretRefs(prod.get("Deployment", "inference-app")))
                .containsExactlyInAnyOrder("flywheel-db", "flywheel-access");
    }

    @Test
    void inferenceScalesOnCpuAndRequestsPerSecondAndKeepsPodsThroughDisruptions() throws IOException {
        Manifests prod = Manifests.read(render("prod"));
        JsonNode hpa = prod.get("HorizontalPodAutoscaler", "inference-app");
        assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("inference-app");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.path("spec").path("metrics").findValuesAsText("type")).contains("Resource", "Pods");
        assertThat(hpa.at("/spec/metrics/1/pods/metric/name").asText()).isEqualTo("flywheel_http_requests_per_second");

        JsonNode pdb = prod.get("PodDisruptionBudget", "inference-app");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(2);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(
                prod.get("Deployment", "inference-app").at("/spec/selector/matchLabels"));
    }

    @Test
    void onlyInferenceReachesMlopsAndOnlyFlywheelPodsReachPostgres() throws IOException {
        Manifests dev = Manifests.read(render("dev"));
        JsonNode mlops = dev.get("NetworkPolicy", "mlops-app-ingress");
        assertThat(mlops.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("mlops-app");
        assertThat(mlops.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText())
                .isEqualTo("inference-app");
        assertThat(mlops.at("/spec/ingress/1/from/0/podSelector").isMissingNode()).isTrue();

        JsonNode postgres = dev.get("NetworkPolicy", "flywheel-postgres-ingress");
        assertThat(postgres.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1part-of").asText())
                .isEqualTo("flywheel");
        assertThat(postgres.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(5432);
        for (JsonNode cronJob : dev.ofKind("CronJob")) {
            assertThat(cronJob.at("/spec/jobTemplate/spec/template/metadata/labels/app.kubernetes.io~1part-of")
                    .asText()).as(cronJob.at("/metadata/name").asText()).isEqualTo("flywheel");
        }
    }

    static Path render(String overlay) throws IOException {
        String yaml = Kubectl.kustomize(Repository.SRC_K8S.resolve("overlays").resolve(overlay));
        Path file = Files.createDirectories(Repository.work("rendered")).resolve(overlay + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static List<String> secretRefs(JsonNode deployment) {
        return Manifests.container(deployment).path("env").findValues("secretKeyRef").stream()
                .map(ref -> ref.path("name").asText()).distinct().toList();
    }
}
