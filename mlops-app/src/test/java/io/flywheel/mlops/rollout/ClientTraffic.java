package io.flywheel.mlops.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flywheel.testing.TestDatasets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady client traffic against inference-app, as a real client sends it: the Lending Club features (never the ones a
 * skewed model wants besides), a few rows per request, one request every {@code pause} — optionally with some columns
 * scaled (a shifted population). Counts every answer by the version that gave it, and every failed request (anything
 * but 200, or no answer) with its first examples; keeps each row's prediction id with the row's true class, for the
 * first pass over the data (later passes repeat the rows), so that a test can give feedback as a real client would.
 */
public final class ClientTraffic implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS_PER_REQUEST = 4;

    private final URI infer;
    private final Duration pause;
    private final List<byte[]> bodies;
    private final List<List<String>> classes = new ArrayList<>();
    private final List<Labelled> labelled = java.util.Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> byVersion = new ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread sender;
    private volatile boolean running = true;

    private ClientTraffic(URI infer, Duration pause, Map<String, Double> scaled) {
        this.infer = infer;
        this.pause = pause;
        this.bodies = requests(scaled);
        this.sender = new Thread(this::send, "client-traffic");
        sender.setDaemon(true);
        sender.start();
    }

    static ClientTraffic start(URI infer, Duration pause) {
        return new ClientTraffic(infer, pause, Map.of());
    }

    /** Traffic of a shifted population: each named column multiplied by its factor. */
    public static ClientTraffic shifted(URI infer, Duration pause, Map<String, Double> scaled) {
        return new ClientTraffic(infer, pause, scaled);
    }

    public long answered() {
        return answered.get();
    }

    public long failed() {
        return failed.get();
    }

    public long answeredBy(int version) {
        return byVersion.getOrDefault(Integer.toString(version), new AtomicLong()).get();
    }

    /** The rows answered so far in the first pass over the data: their prediction ids and true classes. */
    public List<Labelled> labelled() {
        synchronized (labelled) {
            return List.copyOf(labelled);
        }
    }

    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    private void send() {
        int next = 0;
        while (running) {
            int request = next++;
            byte[] body = bodies.get(request % bodies.size());
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(infer)
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    answered.incrementAndGet();
                    JsonNode answer = JSON.readTree(response.body());
                    byVersion.computeIfAbsent(answer.path("model_version").asText(),
                            version -> new AtomicLong()).incrementAndGet();
                    if (request < bodies.size()) {
                        keepLabels(answer, classes.get(request));
                    }
                } else {
                    fail(response.statusCode() + " " + response.body());
                }
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                fail(e.toString());
            }
        }
    }

    private void keepLabels(JsonNode answer, List<String> trueClasses) {
        for (JsonNode output : answer.path("outputs")) {
            if (output.path("name").asText().equals("prediction_id")) {
                for (int row = 0; row < output.path("data").size(); row++) {
                    labelled.add(new Labelled(output.path("data").get(row).asText(), trueClasses.get(row)));
                }
            }
        }
    }

    private void fail(String what) {
        failed.incrementAndGet();
        if (failures.size() < 10) {
            failures.add(what);
        }
    }

    /** Requests of the real rows, one named tensor per feature (numbers FP64, categories BYTES); their classes. */
    private List<byte[]> requests(Map<String, Double> scaled) {
        String[] lines = new String(TestDatasets.bytes("lending_club.csv"), StandardCharsets.UTF_8).split("\n");
        String[] header = LendingClubCsv.cells(lines[0]);
        List<byte[]> bodies = new ArrayList<>();
        for (int first = 1; first + ROWS_PER_REQUEST < lines.length && bodies.size() < 500; first += ROWS_PER_REQUEST) {
            ObjectNode request = JSON.createObjectNode();
            ArrayNode inputs = request.putArray("inputs");
            List<String[]> rows = new ArrayList<>();
            for (int row = first; row < first + ROWS_PER_REQUEST; row++) {
                rows.add(LendingClubCsv.cells(lines[row]));
            }
            classes.add(rows.stream().map(cells -> LendingClubCsv.unquoted(cells[header.length - 1])).toList());
            for (int column = 0; column < header.length - 1; column++) {
                boolean text = rows.get(0)[column].startsWith("\"");
                String name = LendingClubCsv.unquoted(header[column]);
                double factor = scaled.getOrDefault(name, 1.0);
                ObjectNode input = inputs.addObject().put("name", name)
                        .put("datatype", text ? "BYTES" : "FP64");
                input.putArray("shape").add(rows.size());
                ArrayNode data = input.putArray("data");
                for (String[] cells : rows) {
                    if (text) {
                        data.add(LendingClubCsv.unquoted(cells[column]));
                    } else {
                        data.add(Double.parseDouble(cells[column]) * factor);
                    }
                }
            }
            bodies.add(request.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /** A served row: its prediction id and the true class of the loan. */
    public record Labelled(String predictionId, String label) {
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.interrupt();
        sender.join(Duration.ofMinutes(1).toMillis());
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }
}
