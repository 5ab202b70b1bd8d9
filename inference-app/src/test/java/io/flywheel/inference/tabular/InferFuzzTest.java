package io.flywheel.inference.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.FakeMlops;
import io.flywheel.inference.FakeMlopsResource;
import io.flywheel.testing.FakeMlopsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz of the infer endpoint: valid requests mutated in their structure (values of the wrong type, shapes
 * and datatypes out of range, inputs dropped or repeated, NaN and huge numbers) and in their bytes (cut, spliced,
 * flipped). Whatever arrives, the answer is a 200 with outputs or a 4xx problem, never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeMlopsResource.class)
class InferFuzzTest {

    private static final String MODEL = "fuzz-credit";
    private static final long SEED = 20_261_124L;
    private static final int STRUCTURAL_CASES = 2_000;
    private static final int BYTE_CASES = 1_000;
    private static final int IN_FLIGHT = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @FakeMlops
    FakeMlopsApp mlops;
    @TestHTTPResource("/v2/models/" + MODEL + "/infer")
    URI infer;

    @Test
    void noMutatedRequestMakesTheServerFail() throws Exception {
        mlops.deploy(MODEL, LendingClub.KIND, LendingClub.version(1, LendingClub.boostedTrees(31)));
        Await.serving(MODEL, "1");
        Random random = new Random(SEED);
        List<byte[]> cases = new ArrayList<>();
        for (int i = 0; i < STRUCTURAL_CASES; i++) {
            cases.add(structural(random).toString().getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < BYTE_CASES; i++) {
            cases.add(bytes(random));
        }

        Map<Integer, Integer> statuses = send(cases);

        System.out.println("fuzz statuses (status=count): " + statuses);
        assertThat(statuses.keySet()).allMatch(status -> status == 200 || status >= 400 && status < 500);
        assertThat(statuses.getOrDefault(200, 0)).as("some mutations stay valid").isPositive();
        assertThat(statuses.getOrDefault(400, 0) + statuses.getOrDefault(422, 0)).as("most do not").isPositive();
    }

    private Map<Integer, Integer> send(List<byte[]> cases) throws InterruptedException {
        List<ConcurrentRequests.Answer> answers = ConcurrentRequests.post(infer,
                cases.stream().map(body -> new ConcurrentRequests.Call(body, null)).toList(), IN_FLIGHT);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> malformed = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            ConcurrentRequests.Answer answer = answers.get(i);
            statuses.merge(answer.status(), 1, Integer::sum);
            if (!wellFormed(answer)) {
                malformed.add(answer.status() + " " + answer.body() + " for "
                        + new String(cases.get(i), StandardCharsets.UTF_8));
            }
        }
        assertThat(malformed).as("answers that are neither outputs nor a problem").isEmpty();
        return statuses;
    }

    private static boolean wellFormed(ConcurrentRequests.Answer answer) {
        if (answer.status() == 200) {
            return answer.contentType().startsWith("application/json") && answer.body().contains("\"outputs\"");
        }
        return answer.contentType().startsWith("application/problem+json") && answer.body().contains("\"type\"");
    }

    /** A valid request of 1–3 rows with one to three mutations of its tree. */
    private static JsonNode structural(Random random) {
        int[] rows = LendingClub.rows(random.nextInt(LendingClub.TABLE.rowCount() - 3), 1 + random.nextInt(3));
        ObjectNode request = random.nextInt(5) == 0 ? LendingClub.matrixRequest(rows) : LendingClub.request(rows);
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            mutate(request, random);
        }
        return request;
    }

    private static void mutate(ObjectNode request, Random random) {
        if (!(request.get("inputs") instanceof ArrayNode inputs) || inputs.isEmpty()
                || !(inputs.get(random.nextInt(inputs.size())) instanceof ObjectNode input)) {
            request.set("inputs", randomValue(random));
            return;
        }
        switch (random.nextInt(12)) {
            case 0 -> input.set("data", randomValue(random));
            case 1 -> firstElement(input, "data", randomValue(random));
            case 2 -> input.set("shape", NODES.arrayNode().add(random.nextLong()).add(random.nextInt(3) - 1));
            case 3 -> input.put("datatype", List.of("FP64", "BYTES", "INT8", "UINT64", "BOOL", "FP16", "fp64", "")
                    .get(random.nextInt(8)));
            case 4 -> input.remove(List.of("name", "shape", "datatype", "data").get(random.nextInt(4)));
            case 5 -> inputs.remove(random.nextInt(inputs.size()));
            case 6 -> inputs.add(input.deepCopy());
            case 7 -> input.put("name", random.nextBoolean() ? "" : "feature-" + random.nextInt(100));
            case 8 -> request.set(List.of("id", "parameters", "outputs").get(random.nextInt(3)), randomValue(random));
            case 9 -> firstElement(input, "shape", NODES.numberNode(random.nextInt(20_000)));
            case 10 -> request.set("inputs", randomValue(random));
            default -> input.putObject("parameters").put("binary_data_size", random.nextInt(100));
        }
    }

    private static void firstElement(ObjectNode input, String field, JsonNode value) {
        if (input.get(field) instanceof ArrayNode array && !array.isEmpty()) {
            array.set(0, value);
        } else {
            input.set(field, value);
        }
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextGaussian() * 1e300);
            case 2 -> NODES.numberNode(Double.NaN);
            case 3 -> NODES.textNode("\u0000\ud83d\ude00" + random.nextInt());
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.objectNode().put("x", random.nextInt());
            case 6 -> NODES.arrayNode().add(NODES.arrayNode().add(random.nextInt())).add("s");
            case 7 -> NODES.numberNode(new java.math.BigInteger(200, random));
            case 8 -> NODES.arrayNode();
            default -> NODES.numberNode(random.nextLong());
        };
    }

    /** A valid request with its bytes cut, spliced with noise or flipped. */
    private static byte[] bytes(Random random) {
        byte[] valid = LendingClub.json(LendingClub.request(random.nextInt(100))).getBytes(StandardCharsets.UTF_8);
        byte[] mutated = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> mutated = java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> {
                int at = random.nextInt(valid.length);
                byte[] tokens = "{}[],:\"\\0-e.".getBytes(StandardCharsets.US_ASCII);
                mutated[at] = tokens[random.nextInt(tokens.length)];
            }
            default -> {
                byte[] noise = new byte[random.nextInt(64)];
                random.nextBytes(noise);
                int at = random.nextInt(valid.length);
                mutated = new byte[valid.length + noise.length];
                System.arraycopy(valid, 0, mutated, 0, at);
                System.arraycopy(noise, 0, mutated, at, noise.length);
                System.arraycopy(valid, at, mutated, at + noise.length, valid.length - at);
            }
        }
        return mutated;
    }
}
