package io.flywheel.mlops.registry;

import static io.restassured.RestAssured.given;

import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.PackagedMlops;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the registry's hot paths cost on the packaged app (JVM mode, loopback, this machine): a pod's deployments poll
 * when nothing changed (304) and when it did (200), an artifact download and its 304, a version registration, and a
 * job run from API call to recorded end. Needs {@code wrk} on the PATH for the GETs. Not part of verify; the command
 * and the figures are in docs/benchmarks.md.
 */
@Tag("benchmark")
class RegistryBenchmark {

    private static final int MODELS = 3;
    private static final int REGISTRATIONS = 40;
    private static final int RUNS = 20;

    @Test
    void measuresTheRegistrysHotPaths() throws Exception {
        try (AppProcess app = PackagedMlops.start("registry-benchmark")) {
            String base = app.baseUri().toString();
            for (int m = 1; m <= MODELS; m++) {
                deploy(base, "bench-" + m, TestArtifacts.tabular(100 + m));
            }
            String etag = given().baseUri(base).get("/api/deployments").getHeader("ETag");
            String artifact = "/api/models/bench-1/versions/1/artifact";
            String sha = given().baseUri(base).get(artifact).getHeader("ETag");

            List<String> report = new ArrayList<>();
            report.add(wrk(base + "/api/deployments", etag, "deployments, unchanged (304)"));
            report.add(wrk(base + "/api/deployments", null, "deployments, " + MODELS + " models (200)"));
            report.add(wrk(base + artifact, sha, "artifact, unchanged (304)"));
            report.add(wrk(base + artifact, null, "artifact " + TestArtifacts.tabular(101).length + " B (200)"));
            report.add(registrations(base));
            report.add(jobRuns(base));
            System.out.println("REGISTRY BENCHMARK\n" + String.join("\n", report));
        }
    }

    private static void deploy(String base, String model, byte[] artifact) throws Exception {
        given().baseUri(base).multiPart("artifact", "a.bin", artifact, "application/octet-stream")
                .multiPart("metadata", "m.json", "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}".getBytes(),
                        "application/json").post("/api/models/" + model + "/versions").then().statusCode(201);
        try (Connection connection = TestDatabase.shared().connect(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("UPDATE mlops.model_version SET evaluation = '{\"passed\":true}', evaluation_passed = true"
                    + " WHERE model = '" + model + "'");
        }
        given().baseUri(base).contentType("application/json").body("{\"stage\":\"Production\"}")
                .post("/api/models/" + model + "/versions/1/stage").then().statusCode(200);
    }

    private static String wrk(String url, String ifNoneMatch, String what) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c8", "-d10s", "--latency"));
        if (ifNoneMatch != null) {
            command.addAll(List.of("-H", "If-None-Match: " + ifNoneMatch));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return "| " + what + " | " + pick(output, "Requests/sec:") + " req/s | p50 " + pick(output, "50%")
                + ", p99 " + pick(output, "99%") + " | " + (output.contains("Non-2xx") ? pick(output,
                "Non-2xx or 3xx responses:") + " non-2xx/3xx" : "all 2xx/3xx") + " |";
    }

    private static String registrations(String base) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < REGISTRATIONS; i++) {
            byte[] artifact = TestArtifacts.tabular(1000 + i);
            long start = System.nanoTime();
            given().baseUri(base).multiPart("artifact", "a.bin", artifact, "application/octet-stream")
                    .multiPart("metadata", "m.json", "{\"kind\":\"tabular-classifier\",\"metrics\":{\"auc\":0.8}}"
                            .getBytes(), "application/json").post("/api/models/bench-registered/versions").then()
                    .statusCode(201);
            micros.add((System.nanoTime() - start) / 1000);
        }
        return "| registration over HTTP, " + REGISTRATIONS + " sequential | " + percentiles(micros) + " | |";
    }

    private static String jobRuns(String base) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            String id = given().baseUri(base).contentType("application/json").post("/api/jobs/registry-verify/runs")
                    .then().statusCode(202).extract().path("id");
            Eventually.until(() -> given().baseUri(base).get("/api/jobs/runs/" + id).jsonPath().getString("status"),
                    "succeeded"::equals, Duration.ofMinutes(1), "run " + id);
            micros.add((System.nanoTime() - start) / 1000);
        }
        return "| registry-verify run, API call to recorded end (" + RUNS + " sequential, ~" + (MODELS + REGISTRATIONS)
                + " artifacts) | " + percentiles(micros) + " | includes the 200 ms poll of the test |";
    }

    private static String percentiles(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms", sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1000.0);
    }

    private static String pick(String wrkOutput, String label) {
        return wrkOutput.lines().map(String::strip).filter(line -> line.startsWith(label)).findFirst()
                .map(line -> line.substring(label.length()).strip().split("\\s+")[0]).orElse("?");
    }
}
