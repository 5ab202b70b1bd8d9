package io.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.SyntheticModels;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import io.flywheel.testing.TestDatasets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both packaged apps, running for real: the probes the manifests declare answer on the port they name, and every
 * metric the Grafana dashboard and the alert rules query is one the apps expose (or is listed as pending, with the
 * work stream that brings it, in src-k8s/monitoring/pending-metrics.txt).
 */
class ProbesAndMetricsIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    /** Names PromQL provides itself, not the apps. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS");

    private static final String MODEL = "probe-credit";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static AppProcess mlops;
    private static AppProcess inference;

    @BeforeAll
    static void startBothApps() throws IOException {
        Path logs = Repository.work("it-logs");
        // AppProcess appends: start from empty logs so that a failure shows this run's output
        Files.deleteIfExists(logs.resolve("probes-mlops-app.log"));
        Files.deleteIfExists(logs.resolve("probes-inference-app.log"));
        Map<String, String> database = TestDatabase.shared().quarkusConfig();
        mlops = AppProcess.start("mlops-app", Repository.packagedJar("mlops-app"), AppProcess.freePort(), database,
                logs.resolve("probes-mlops-app.log"), READY_WITHIN);
        Map<String, String> inferenceConfig = new java.util.HashMap<>(database);
        inferenceConfig.put("flywheel.mlops.url", mlops.baseUri().toString());
        // a model served from a file, so that the per-model serving metrics exist as on a pod with a deployment
        inferenceConfig.put("flywheel.serving.model-files." + MODEL, servedModel(logs).toString());
        inference = AppProcess.start("inference-app", Repository.packagedJar("inference-app"), AppProcess.freePort(),
                inferenceConfig, logs.resolve("probes-inference-app.log"), READY_WITHIN);
    }

    /** A Lending Club model (shared-model's synthetic builder over the real rows) as a file the pod serves. */
    private static Path servedModel(Path directory) throws IOException {
        Table table = TestDatasets.lendingClub();
        Path file = directory.resolve("probe-model.json");
        Files.write(file, ArtifactCodec.write(new SyntheticModels(FeatureSchema.infer(table, "Class", null), table, 7)
                .logisticRegression(true)));
        return file;
    }

    @AfterAll
    static void stopBothApps() {
        if (inference != null) {
            inference.stop();
        }
        if (mlops != null) {
            mlops.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inference-app", "mlops-app"})
    void everyProbeOfTheManifestAnswersOnTheRunningApp(String name) throws Exception {
        AppProcess app = name.equals("mlops-app") ? mlops : inference;
        JsonNode deployment = Manifests.read(Repository.generatedManifests(name)).get("Deployment", name);
        JsonNode container = Manifests.container(deployment);
        int containerPort = container.at("/ports/0/containerPort").asInt();

        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode httpGet = container.path(probe).path("httpGet");
            assertThat(httpGet.path("port").asInt()).as(probe + " port").isEqualTo(containerPort);
            HttpResponse<String> answer = get(app, httpGet.path("path").asText());
            assertThat(answer.statusCode()).as(probe + " " + httpGet.path("path").asText() + ": " + answer.body())
                    .isEqualTo(200);
        }
        // the port the manifest names is the one the app listens on by default
        String properties = Files.readString(Repository.ROOT.resolve(name)
                .resolve("src/main/resources/application.properties"));
        assertThat(properties).containsPattern("(?m)^quarkus\\.http\\.port=" + containerPort + "$");
        // and the scrape annotation points at a Prometheus endpoint
        String scrapePath = deployment.at("/spec/template/metadata/annotations/prometheus.io~1path").asText();
        assertThat(get(app, scrapePath).body()).contains("# TYPE");
    }

    @Test
    void everyMetricTheDashboardAndAlertsQueryIsExposedOrDeclaredPending() throws Exception {
        // some traffic, so that per-request meters exist
        for (int i = 0; i < 3; i++) {
            get(inference, "/q/health/ready");
            HTTP.send(HttpRequest.newBuilder(URI.create(inference.baseUri() + "/v2/models/" + MODEL + "/infer"))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": []}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            get(mlops, "/api/deployments");
            get(inference, "/no-such-path");
        }
        Set<String> exposed = new TreeSet<>();
        exposed.addAll(exposedFamilies(get(inference, "/q/metrics").body()));
        exposed.addAll(exposedFamilies(get(mlops, "/q/metrics").body()));
        Map<String, String> pending = pendingMetrics();

        Set<String> queried = queriedMetrics();
        Set<String> missing = queried.stream().filter(m -> !exposed.contains(m) && !pending.containsKey(m))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> nowExposed = pending.keySet().stream().filter(exposed::contains)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(missing).as("queried by the dashboard or the alert rules but not exposed by either app").isEmpty();
        assertThat(nowExposed).as("exposed now: remove from src-k8s/monitoring/pending-metrics.txt").isEmpty();
        assertThat(queried).as("the dashboard queries what exists today too").contains(
                "http_server_requests_seconds_count", "jvm_memory_used_bytes", "process_cpu_usage");
        System.out.println("metrics still pending (dashboard/alerts wait for them): " + pending);
    }

    /** Metric families in Prometheus' text format; a histogram also answers to its _bucket/_count/_sum series. */
    static Set<String> exposedFamilies(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                names.add(parts[2]);
                if (parts[3].equals("histogram") || parts[3].equals("summary")) {
                    names.addAll(List.of(parts[2] + "_bucket", parts[2] + "_count", parts[2] + "_sum"));
                }
            } else if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]")[0]);
            }
        }
        return names;
    }

    static Set<String> queriedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        JsonNode dashboard = Manifests.JSON.readTree(Repository.SRC_K8S.resolve("monitoring/dashboards/flywheel.json").toFile());
        dashboard.findValues("expr").forEach(expr -> names.addAll(metricNames(expr.asText())));
        Manifests rules = Manifests.read(Repository.SRC_K8S.resolve("monitoring/prometheus-rules.yaml"));
        rules.resources().get(0).findValues("expr").forEach(expr -> names.addAll(metricNames(expr.asText())));
        names.removeAll(PROMETHEUS_OWN);
        return names;
    }

    /** Series selectors in a PromQL expression: a name followed by {labels} or a [range]. */
    static Set<String> metricNames(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?=\\{|\\[)").matcher(promql);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        Matcher bare = Pattern.compile("(?<!by )(?<!without )\\(\\s*([a-z_][a-z0-9_]*)\\s*\\)").matcher(promql);
        while (bare.find()) {
            names.add(bare.group(1));
        }
        return names;
    }

    private static Map<String, String> pendingMetrics() throws IOException {
        return Files.readAllLines(Repository.SRC_K8S.resolve("monitoring/pending-metrics.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.split("\\s+")[0], line -> line.substring(line.indexOf(' ') + 1).trim()));
    }

    private static HttpResponse<String> get(AppProcess app, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUri() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
