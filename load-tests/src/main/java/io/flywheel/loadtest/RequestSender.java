package io.flywheel.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flywheel.loadtest.ScenarioFile.RequestSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the requests of the scenario file, as the k6 scripts do: {{variables}} filled in, a request's {@code before}
 * request sent first and its answer's fields captured, and every answer checked and recorded.
 */
final class RequestSender {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private final HttpClient http;
    private final URI baseUri;
    private final Map<String, RequestSpec> requests;
    private final Map<String, String> variables;
    private final Duration timeout;
    private final String bearer;
    /** Bodies that only use the file's variables are rendered once, not per request. */
    private final Map<RequestSpec, String> renderedBodies = new java.util.concurrent.ConcurrentHashMap<>();

    RequestSender(HttpClient http, URI baseUri, Map<String, RequestSpec> requests, Map<String, String> variables,
                  Duration timeout, String apiKey) {
        this.http = http;
        this.baseUri = baseUri;
        this.requests = requests;
        this.variables = Map.copyOf(variables);
        this.timeout = timeout;
        this.bearer = apiKey == null || apiKey.isBlank() ? null : "Bearer " + apiKey;
        requests.keySet().forEach(this::spec);
    }

    /**
     * Runs one iteration of the named request. The first request's latency counts from {@code intendedNanos} (when
     * the schedule meant to send it), so a server that stalls is charged for every request it delayed.
     */
    CompletableFuture<Void> iteration(String name, long intendedNanos, Measurements measurements) {
        RequestSpec spec = spec(name);
        if (spec.before() == null) {
            return send(spec, variables, intendedNanos, measurements).thenApply(answer -> null);
        }
        return send(spec(spec.before()), variables, intendedNanos, measurements).thenCompose(first -> {
            Map<String, String> bound = new HashMap<>(variables);
            for (Map.Entry<String, String> capture : spec.captures().entrySet()) {
                JsonNode value = JsonSelector.select(first.json(), capture.getValue());
                if (value.isMissingNode() || value.isNull()) {
                    return CompletableFuture.completedFuture(null); // the first request failed; already counted
                }
                bound.put(capture.getKey(), value.asText());
            }
            return send(spec, bound, System.nanoTime(), measurements).thenApply(answer -> null);
        });
    }

    private record Answer(int status, JsonNode json) {
    }

    private CompletableFuture<Answer> send(RequestSpec spec, Map<String, String> bound, long startedNanos,
                                           Measurements measurements) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(fill(spec.path(), bound)))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .method(spec.method(), spec.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body(spec, bound)));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            long latency = System.nanoTime() - startedNanos;
            if (error != null) {
                measurements.request(latency, true, false);
                return new Answer(0, TextNode.valueOf(""));
            }
            JsonNode json = parse(response.body());
            boolean passed = response.statusCode() == spec.check().status()
                    && (spec.check().field() == null || json.has(spec.check().field()));
            measurements.request(latency, response.statusCode() < 200 || response.statusCode() >= 400, passed);
            return new Answer(response.statusCode(), json);
        });
    }

    private String body(RequestSpec spec, Map<String, String> bound) {
        if (bound == variables) {
            return renderedBodies.computeIfAbsent(spec, s -> fill(s.body(), variables).toString());
        }
        return fill(spec.body(), bound).toString();
    }

    private RequestSpec spec(String name) {
        RequestSpec spec = requests.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no request '" + name + "' in the scenario file");
        }
        if (spec.before() != null && !requests.containsKey(spec.before())) {
            throw new IllegalArgumentException("request '" + name + "' depends on unknown request '" + spec.before() + "'");
        }
        return spec;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? TextNode.valueOf("") : ScenarioFile.JSON.readTree(body);
        } catch (java.io.IOException notJson) {
            return TextNode.valueOf("");
        }
    }

    static String fill(String text, Map<String, String> bound) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = bound.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {{" + matcher.group(1) + "}} in '" + text + "'");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(filled).toString();
    }

    static JsonNode fill(JsonNode node, Map<String, String> bound) {
        if (node.isTextual()) {
            return TextNode.valueOf(fill(node.asText(), bound));
        }
        if (node.isContainerNode()) {
            JsonNode copy = node.deepCopy();
            if (copy.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                com.fasterxml.jackson.databind.node.ObjectNode object = (com.fasterxml.jackson.databind.node.ObjectNode) copy;
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    object.set(field.getKey(), fill(field.getValue(), bound));
                }
            } else {
                com.fasterxml.jackson.databind.node.ArrayNode array = (com.fasterxml.jackson.databind.node.ArrayNode) copy;
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, fill(node.get(i), bound));
                }
            }
            return copy;
        }
        return node;
    }

}
