package io.flywheel.inference.tabular;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.FakeMlops;
import io.flywheel.inference.FakeMlopsResource;
import io.flywheel.testing.FakeMlopsApp;
import io.flywheel.testing.TestDatasets;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.SyntheticModels;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Versions swap under sustained concurrent load without a failed request and without a request scored by parts of two
 * versions; a canary at 20% takes 20% ± 2% of 10,000 requests, and a caller key always reaches the same version.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeMlopsResource.class)
class HotSwapAndCanaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IN_FLIGHT = 8;
    private static final int ROWS_PER_REQUEST = 5;

    @FakeMlops
    FakeMlopsApp mlops;
    @TestHTTPResource("/")
    URI base;

    private record Scored(String version, int firstRow, double[] probabilities) {
    }

    @Test
    void aSwapUnderSustainedLoadFailsNoRequestAndMixesNoVersions() throws Exception {
        String model = "swap-credit";
        Map<String, byte[]> artifacts = Map.of("1", LendingClub.logisticRegression(41),
                "2", LendingClub.boostedTrees(42), "3", LendingClub.randomForest(43));
        mlops.deploy(model, LendingClub.KIND, LendingClub.version(1, artifacts.get("1")));
        Await.serving(model, "1");
        AtomicBoolean loading = new AtomicBoolean(true);
        List<ConcurrentRequests.Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> firstRows = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> sustain(model, loading, answers, firstRows));

        awaitAnswers(answers, 200);
        mlops.deploy(model, LendingClub.KIND, LendingClub.version(2, artifacts.get("2")));
        Await.serving(model, "2");
        awaitAnswers(answers, answers.size() + 200);
        mlops.deploy(model, LendingClub.KIND, LendingClub.version(3, artifacts.get("3")));
        Await.serving(model, "3");
        awaitAnswers(answers, answers.size() + 200);
        loading.set(false);
        load.join();

        List<ConcurrentRequests.Answer> all;
        synchronized (answers) {
            all = List.copyOf(answers);
        }
        assertThat(all).as("every request during the swaps").allSatisfy(answer -> assertThat(answer.status())
                .as(answer.body()).isEqualTo(200));
        Map<String, Integer> perVersion = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Scored scored = scored(all.get(i), firstRows.get(i));
            int[] rows = LendingClub.rows(scored.firstRow(), ROWS_PER_REQUEST);
            assertThat(scored.probabilities()).as("request %d, answered by v%s", i, scored.version())
                    .containsExactly(LendingClub.expected(artifacts.get(scored.version()), rows));
            perVersion.merge(scored.version(), 1, Integer::sum);
        }
        System.out.println("hot swap: " + all.size() + " requests, by version " + perVersion);
        assertThat(perVersion).containsKeys("1", "2", "3");
    }

    @Test
    void aCanaryAtTwentyPercentTakesTwentyPercentOfTenThousandRequestsAndKeysStick() throws Exception {
        String model = "canary-credit";
        mlops.deploy(model, LendingClub.KIND, LendingClub.version(1, LendingClub.logisticRegression(51)),
                LendingClub.version(2, LendingClub.boostedTrees(52)), 0.2);
        Await.serving(model, "1", "2");
        byte[] body = LendingClub.json(LendingClub.request(3)).getBytes(StandardCharsets.UTF_8);
        URI infer = base.resolve("/v2/models/" + model + "/infer");

        List<String> random = versions(infer, IntStream.range(0, 10_000)
                .mapToObj(i -> new ConcurrentRequests.Call(body, null)).toList());
        List<String> keyed = versions(infer, IntStream.range(0, 10_000)
                .mapToObj(i -> new ConcurrentRequests.Call(body, "customer-" + i)).toList());
        List<ConcurrentRequests.Call> repeated = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            IntStream.range(0, 200).forEach(i -> repeated.add(new ConcurrentRequests.Call(body, "customer-" + i)));
        }
        List<String> again = versions(infer, repeated);

        double randomShare = share(random, "2");
        double keyedShare = share(keyed, "2");
        System.out.printf("canary share: %.4f without a key, %.4f with 10,000 distinct keys%n", randomShare, keyedShare);
        assertThat(randomShare).isBetween(0.18, 0.22);
        assertThat(keyedShare).isBetween(0.18, 0.22);
        for (int i = 0; i < repeated.size(); i++) {
            assertThat(again.get(i)).as(repeated.get(i).routingKey()).isEqualTo(keyed.get(i % 200));
        }
    }

    @Test
    void aCanaryThatRefusesClientsRequestsFailsNoneOfThemAndCountsItsErrors() throws Exception {
        String model = "skewed-canary-credit";
        byte[] stable = LendingClub.logisticRegression(61);
        // given a canary trained on other inputs than clients send (training-serving skew): it refuses their rows
        mlops.deploy(model, LendingClub.KIND, LendingClub.version(1, stable),
                LendingClub.version(2, breastCancerModel(62)), 0.5);
        Await.serving(model, "1", "2");
        int[] rows = LendingClub.rows(100, 3);
        byte[] body = LendingClub.json(LendingClub.request(rows)).getBytes(StandardCharsets.UTF_8);
        URI infer = base.resolve("/v2/models/" + model + "/infer");

        // when 400 clients call at an even split
        List<ConcurrentRequests.Answer> answers = ConcurrentRequests.post(infer, IntStream.range(0, 400)
                .mapToObj(i -> new ConcurrentRequests.Call(body, null)).toList(), IN_FLIGHT);

        // then every one is answered, by stable, and the canary's refusals are counted for the rollout to read
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(scored(answer, 100).probabilities()).containsExactly(LendingClub.expected(stable, rows));
        });
        String series = "flywheel_inference_errors_total{model=\"" + model
                + "\",type=\"invalid-request\",version=\"2\"} ";
        String metrics = given().when().get("/q/metrics").asString();
        double refused = metrics.lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length()).trim().split("\\s+")[0]))
                .sum();
        assertThat(refused).isBetween(150.0, 250.0);
    }

    private static byte[] breastCancerModel(long seed) {
        Table table = TestDatasets.breastCancer();
        return ArtifactCodec.write(new SyntheticModels(FeatureSchema.infer(table, "diagnosis", "1"), table, seed)
                .logisticRegression(false));
    }

    private List<String> versions(URI infer, List<ConcurrentRequests.Call> calls) throws InterruptedException {
        return ConcurrentRequests.post(infer, calls, IN_FLIGHT * 2).stream().map(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return read(answer.body()).get("model_version").asText();
        }).toList();
    }

    private static double share(List<String> versions, String version) {
        return versions.stream().filter(version::equals).count() / (double) versions.size();
    }

    private void sustain(String model, AtomicBoolean loading, List<ConcurrentRequests.Answer> answers,
                         List<Integer> firstRows) {
        URI infer = base.resolve("/v2/models/" + model + "/infer");
        int next = 0;
        while (loading.get()) {
            List<ConcurrentRequests.Call> calls = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < 50; i++, next = (next + ROWS_PER_REQUEST) % 9_000) {
                rows.add(next);
                calls.add(new ConcurrentRequests.Call(LendingClub.json(LendingClub.request(
                        LendingClub.rows(next, ROWS_PER_REQUEST))).getBytes(StandardCharsets.UTF_8), null));
            }
            try {
                List<ConcurrentRequests.Answer> batch = ConcurrentRequests.post(infer, calls, IN_FLIGHT);
                synchronized (answers) {
                    answers.addAll(batch);
                    firstRows.addAll(rows);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void awaitAnswers(List<ConcurrentRequests.Answer> answers, int count) {
        long deadline = System.nanoTime() + Await.DEADLINE.toNanos();
        while (answers.size() < count && System.nanoTime() < deadline) {
            Await.pause(Duration.ofMillis(50));
        }
        assertThat(answers.size()).as("answers under load").isGreaterThanOrEqualTo(count);
    }

    private static Scored scored(ConcurrentRequests.Answer answer, int firstRow) {
        JsonNode json = read(answer.body());
        JsonNode data = json.get("outputs").get(0).get("data");
        double[] probabilities = new double[data.size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = data.get(i).asDouble();
        }
        return new Scored(json.get("model_version").asText(), firstRow, probabilities);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }
}
